import { useState, type FormEvent } from 'react';
import { errorMessage, type MessageTemplate } from '../api';
import { ErrorText, Section } from '../components/ui';
import { useSession } from '../session';
import { useApiSend, useResource } from '../use-resource';
import { TextField } from './TextField';

interface TemplateForm {
  name: string;
  shared: boolean;
  subject: string;
  text: string;
  html: string;
}

const blank: TemplateForm = { name: '', shared: false, subject: '', text: '', html: '' };

/** Your templates and the shared ones: write, change, delete. */
export function TemplatesPanel() {
  const list = useResource<{ items: MessageTemplate[] }>('/api/templates');
  const fields = useResource<{ fields: string[] }>('/api/templates/fields');
  const { state } = useSession();
  const user = state.status === 'signed-in' ? state.session.user : null;
  const send = useApiSend();
  const [editing, setEditing] = useState<{ id: string | null; form: TemplateForm } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayChange = (t: MessageTemplate) => t.ownerId === user?.id || user?.role === 'admin';

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    setError(null);
    const { html, ...rest } = editing.form;
    const body = { ...rest, html: html.trim() ? html : null };
    try {
      if (editing.id) await send('PUT', `/api/templates/${editing.id}`, body);
      else await send('POST', '/api/templates', body);
      setEditing(null);
      list.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function remove(id: string) {
    try {
      await send('DELETE', `/api/templates/${id}`);
      list.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const form = editing?.form;
  const change = (part: Partial<TemplateForm>) =>
    setEditing((current) => current && { ...current, form: { ...current.form, ...part } });

  return (
    <Section title="Templates" count={list.data?.items.length}>
      <ul className="plain">
        {(list.data?.items ?? []).map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>{' '}
            <span className="muted">{t.shared ? `shared by ${t.ownerName}` : 'personal'}</span>{' '}
            {mayChange(t) ? (
              <>
                <button
                  type="button"
                  className="link"
                  onClick={() => setEditing({ id: t.id, form: { ...t, html: t.html ?? '' } })}
                >
                  Edit
                </button>{' '}
                <button type="button" className="link" onClick={() => void remove(t.id)}>
                  Delete
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {form ? (
        <form className="connect-form" aria-label="Template" onSubmit={(event) => void save(event)}>
          <TextField label="Name" value={form.name} onChange={(name) => change({ name })} />
          <label className="check">
            <input
              type="checkbox"
              checked={form.shared}
              onChange={(event) => change({ shared: event.target.checked })}
            />
            Shared with everyone
          </label>
          <TextField
            label="Subject"
            value={form.subject}
            onChange={(subject) => change({ subject })}
          />
          <TextField
            label="Text"
            rows={8}
            value={form.text}
            onChange={(text) => change({ text })}
          />
          <TextField
            label="HTML (optional)"
            rows={4}
            value={form.html}
            onChange={(html) => change({ html })}
          />
          <p className="muted">
            Merge fields, with an optional fallback such as{' '}
            <code>{'{{contact.first_name | "there"}}'}</code>:{' '}
            {(fields.data?.fields ?? []).map((f) => `{{${f}}}`).join(' ')}
          </p>
          <ErrorText message={error} />
          <div className="form-actions">
            <button type="submit">Save template</button>
            <button type="button" className="link" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ id: null, form: blank })}>
            New template
          </button>
        </div>
      )}
      {!form ? <ErrorText message={error} /> : null}
    </Section>
  );
}
