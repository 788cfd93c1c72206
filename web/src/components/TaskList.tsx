import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  ApiError,
  errorMessage,
  recordUrl,
  type Colleague,
  type RecordKind,
  type Task,
} from '../api';
import { fieldErrors } from '../record-forms';
import { formatDateTime } from '../mail-words';
import { useApiSend, useResource } from '../use-resource';
import { ErrorText, Loading, PersonSelect } from './ui';

/**
 * Tasks from `path` (the API's list), each with done, reopen and delete;
 * a form makes a new one, on `record` when given. Refetches when any task
 * changes anywhere.
 */
export function TaskList(props: {
  path: string;
  record: { type: RecordKind; id: string } | null;
  empty: string;
}) {
  const tasks = useResource<{ items: Task[] }>(props.path, { live: ['tasks'], keepPrevious: true });
  const send = useApiSend();
  const [error, setError] = useState<string | null>(null);

  async function act(method: 'POST' | 'DELETE', url: string) {
    setError(null);
    try {
      await send(method, url);
      tasks.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <>
      <ErrorText message={error ?? tasks.error} />
      {!tasks.data ? (
        <Loading />
      ) : tasks.data.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="tasks">
          {tasks.data.items.map((task) => (
            <li key={task.id} className={task.overdue ? 'task overdue' : `task ${task.status}`}>
              <span className="task-title">{task.title}</span> <TaskDue task={task} />
              {task.record && !props.record ? (
                <>
                  {' · '}
                  <Link to={recordUrl(task.record.type, task.record.id)}>
                    {task.record.name ?? task.record.type}
                  </Link>
                </>
              ) : null}
              <span className="muted"> · {task.assigneeEmail ?? 'nobody'}</span>{' '}
              <button
                type="button"
                onClick={() =>
                  void act(
                    'POST',
                    `/api/tasks/${task.id}/${task.status === 'open' ? 'complete' : 'reopen'}`,
                  )
                }
              >
                {task.status === 'open' ? 'Done' : 'Reopen'}
              </button>{' '}
              <button
                type="button"
                className="link"
                aria-label={`Delete ${task.title}`}
                onClick={() => void act('DELETE', `/api/tasks/${task.id}`)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <NewTaskForm record={props.record} onCreated={tasks.reload} />
    </>
  );
}

function TaskDue({ task }: { task: Task }) {
  if (task.status === 'done')
    return (
      <span className="muted">done {task.completedAt ? formatDateTime(task.completedAt) : ''}</span>
    );
  if (!task.dueAt) return <span className="muted">no due date</span>;
  return (
    <span className={task.overdue ? 'badge badge-lost' : 'muted'}>
      {task.overdue ? 'overdue since' : 'due'} {formatDateTime(task.dueAt)}
    </span>
  );
}

function NewTaskForm(props: {
  record: { type: RecordKind; id: string } | null;
  onCreated: () => void;
}) {
  const id = useId();
  const send = useApiSend();
  const colleagues = useResource<{ items: Colleague[] }>('/api/sharing/users');
  const [title, setTitle] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    try {
      await send('POST', '/api/tasks', {
        title,
        dueAt: dueAt || null,
        assigneeId: assigneeId || null,
        record: props.record,
      });
      setTitle('');
      setDueAt('');
      setErrors({});
      props.onCreated();
    } catch (caught) {
      const byField = caught instanceof ApiError ? fieldErrors(caught.details) : {};
      setErrors(byField);
      setFailure(Object.keys(byField).length > 0 ? null : errorMessage(caught));
    }
  }

  return (
    <form
      className="task-form"
      aria-label="Add a task"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <div className={errors.title ? 'form-field invalid' : 'form-field'}>
        <label htmlFor={`${id}-title`}>New task</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
        {errors.title ? <p className="field-error">{errors.title}</p> : null}
      </div>
      <div className={errors.dueAt ? 'form-field invalid' : 'form-field'}>
        <label htmlFor={`${id}-due`}>Due</label>
        <input
          id={`${id}-due`}
          type="date"
          value={dueAt}
          onChange={(e) => setDueAt(e.target.value)}
        />
        {errors.dueAt ? <p className="field-error">{errors.dueAt}</p> : null}
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-assignee`}>For</label>
        <PersonSelect
          id={`${id}-assignee`}
          people={colleagues.data?.items ?? []}
          value={assigneeId}
          onChange={setAssigneeId}
          placeholder="Me"
        />
      </div>
      <button type="submit">Add task</button>
      <ErrorText message={failure} />
    </form>
  );
}
