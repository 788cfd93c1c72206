import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { recordTables, recordUrl, type RecordRef, type RecordKind } from '../api';
import { useDocumentTitle, useResource } from '../use-resource';
import { WriteFromRecord } from '../compose/WriteFromRecord';
import { RecordActions } from './RecordActions';
import { TaskList } from './TaskList';
import { ErrorText, Loading, Section } from './ui';

const listTitles: Record<RecordKind, string> = {
  account: 'Accounts',
  contact: 'Contacts',
  lead: 'Leads',
  deal: 'Deals',
  case: 'Cases',
};

/**
 * Loads the record named by the route's `:id` and frames it: breadcrumb,
 * heading, then whatever `children` renders from the record.
 */
export function RecordDetail<T extends RecordRef>(props: {
  type: RecordKind;
  kind: string;
  /** Records between the list and this one in the breadcrumb, outermost first. */
  trail?: (record: T) => RecordRef[];
  title?: (record: T) => string;
  children: (record: T) => ReactNode;
}) {
  const { id = '' } = useParams();
  const path = `/api/${recordTables[props.type]}/${encodeURIComponent(id)}`;
  const { data, error, loading, reload } = useResource<T>(path);
  const title = data ? (props.title?.(data) ?? data.name) : '';
  useDocumentTitle(title || listTitles[props.type]);

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to={`/${recordTables[props.type]}`}>{listTitles[props.type]}</Link>
          </li>
          {data
            ? (props.trail?.(data) ?? []).map((step) => (
                <li key={step.id}>
                  <Link to={recordUrl(props.type, step.id)}>{step.name}</Link>
                </li>
              ))
            : null}
          {data ? <li aria-current="page">{title}</li> : null}
        </ol>
      </nav>
      <ErrorText message={error} />
      {loading ? <Loading /> : null}
      {data ? (
        <article className="record">
          <header className="page-head">
            <p className="kind">{props.kind}</p>
            <h1>{title || 'Untitled'}</h1>
          </header>
          <RecordActions key={data.id} type={props.type} record={data} onChanged={reload} />
          <WriteFromRecord key={`write-${data.id}`} type={props.type} record={data} />
          {props.children(data)}
          <Section title="Tasks">
            <TaskList
              key={`tasks-${data.id}`}
              path={`/api/tasks?scope=record&status=all&recordType=${props.type}&recordId=${data.id}`}
              record={{ type: props.type, id: data.id }}
              empty={`No tasks on this ${props.kind.toLowerCase()}.`}
            />
          </Section>
        </article>
      ) : null}
    </>
  );
}
