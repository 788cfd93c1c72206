import { useId } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { recordUrl, type RecordKind } from '../api';

/** A link to a record, or its name as plain text when the id is unknown. */
export function RecordLink(props: { type: RecordKind; id: string | null; name: string | null }) {
  const label = props.name || 'Untitled';
  if (!props.id) return <>{props.name ?? ''}</>;
  return <Link to={recordUrl(props.type, props.id)}>{label}</Link>;
}

export function StatusBadge({ status }: { status: string }) {
  if (!status) return null;
  return (
    <span className={`badge badge-${status.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{status}</span>
  );
}

export function ErrorText({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Loading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

/** A titled part of a detail page, exposed as a named region. */
export function Section(props: { title: string; count?: number; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {props.title}
        {props.count === undefined ? null : <span className="count">{props.count}</span>}
      </h2>
      {props.children}
    </section>
  );
}

/** Label/value pairs; empty values are left out. */
export function Fields({ fields }: { fields: [string, ReactNode][] }) {
  const shown = fields.filter(([, value]) => value !== null && value !== '' && value !== undefined);
  if (shown.length === 0) return null;
  return (
    <dl className="fields">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export function RecordTable<T extends { id: string }>(props: {
  caption: string;
  columns: Column<T>[];
  items: T[];
  empty: string;
}) {
  if (props.items.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id}>
              {props.columns.map((column) => (
                <td key={column.header}>{column.cell(item)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Addresses as mail links; those in `bounced` carry a warning with the bounce's date. */
export function EmailList({
  emails,
  bounced = [],
}: {
  emails: string[];
  bounced?: { address: string; bouncedAt: string }[];
}) {
  if (emails.length === 0) return null;
  const bouncedAt = new Map(bounced.map((entry) => [entry.address, entry.bouncedAt]));
  return (
    <ul className="plain">
      {emails.map((email) => {
        const at = bouncedAt.get(email);
        return (
          <li key={email}>
            <a href={`mailto:${email}`}>{email}</a>
            {at && (
              <span
                className="badge badge-lost"
                title={`Bounced on ${new Date(at).toLocaleDateString()}`}
              >
                address bounced
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A form's submit button and its Cancel link. */
export function SubmitOrCancel(props: { label: string; busy?: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" disabled={props.busy}>
        {props.label}
      </button>
      <button type="button" className="link" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** Asks before an action that changes much: what it will do, with counts, and a way back. */
export function ConfirmPanel(props: {
  label: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="confirm panel" role="alertdialog" aria-label={props.label}>
      <p>{props.children}</p>
      <div className="actions">
        <button type="button" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** A table's head row of plain column names. */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th key={name} scope="col">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Chooses one of `people` by id, each shown by name and address; the empty choice says what to pick. */
export function PersonSelect(props: {
  id: string;
  people: readonly { id: string; email: string; name: string }[];
  value: string;
  onChange: (id: string) => void;
  placeholder: string;
  required?: boolean;
}) {
  return (
    <select
      id={props.id}
      required={props.required}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    >
      <option value="">{props.placeholder}</option>
      {props.people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name ? `${person.name} (${person.email})` : person.email}
        </option>
      ))}
    </select>
  );
}

/** A labelled choice among a few named options, such as the providers of a settings panel. */
export function NamedSelect<K extends string>(props: {
  label: string;
  names: Readonly<Record<K, string>>;
  value: K;
  onChange: (value: K) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as K)}
      >
        {(Object.keys(props.names) as K[]).map((key) => (
          <option key={key} value={key}>
            {props.names[key]}
          </option>
        ))}
      </select>
    </>
  );
}

/** A labelled text field of a settings form; `secret` for a password or a key never shown again. */
export function LabelledInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  secret?: boolean;
  required?: boolean;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        value={props.value}
        required={props.required}
        {...(props.secret ? { type: 'password', autoComplete: 'off' } : {})}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </>
  );
}

/** The client id and secret an admin copies from a provider's console; the secret is never shown again. */
export function ClientCredentialFields(props: {
  idLabel: string;
  required?: boolean;
  form: { clientId: string; clientSecret: string };
  set: (key: 'clientId' | 'clientSecret', value: string) => void;
}) {
  return (
    <>
      <LabelledInput
        label={props.idLabel}
        required={props.required}
        value={props.form.clientId}
        onChange={(value) => props.set('clientId', value)}
      />
      <LabelledInput
        label="Client secret"
        secret
        value={props.form.clientSecret}
        onChange={(value) => props.set('clientSecret', value)}
      />
    </>
  );
}
