import { useState } from 'react';
import { TaskList } from '../components/TaskList';
import { useDocumentTitle } from '../use-resource';

const views = [
  ['open', 'Open'],
  ['done', 'Done'],
] as const;

/** The user's tasks, assigned to them or made by them: overdue first, then by due date. */
export function TasksPage() {
  useDocumentTitle('Tasks');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  return (
    <>
      <header className="page-head">
        <h1>Tasks</h1>
        <div className="form-actions" role="group" aria-label="Which tasks">
          {views.map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={status === value}
              onClick={() => setStatus(value)}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      <section className="panel">
        <TaskList
          key={status}
          path={`/api/tasks?status=${status}`}
          record={null}
          empty={
            status === 'open'
              ? 'No open tasks assigned to you or made by you.'
              : 'No task of yours is done yet.'
          }
        />
      </section>
    </>
  );
}
