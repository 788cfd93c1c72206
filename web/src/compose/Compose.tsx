import { useState, type FormEvent } from 'react';
import { errorMessage, type Mailbox, type OutboxItem, type Signature } from '../api';
import { ErrorText } from '../components/ui';
import { useSession } from '../session';
import { useApiPost, useResource } from '../use-resource';
import { AttachmentPicker } from './AttachmentPicker';
import {
  draftProblem,
  emptyDraft,
  sendRequest,
  withTemplate,
  type ComposeContext,
  type Draft,
} from './draft';
import { SchedulePicker } from './SchedulePicker';
import { TemplatePicker } from './TemplatePicker';
import { UndoBanner } from './UndoBanner';

/**
 * The compose form: a new message from a record, or a reply, reply-all or
 * forward of a stored message. Sent through one of the user's own
 * mailboxes; after Send, the undo banner takes its place.
 */
export function Compose(props: {
  title: string;
  context: ComposeContext;
  initial?: Partial<Draft>;
  onClose: () => void;
}) {
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.session.user.email.toLowerCase() : '';
  const mailboxes = useResource<Mailbox[]>('/api/mailboxes');
  const signature = useResource<Signature | null>('/api/me/signature');
  const post = useApiPost();
  const [draft, setDraft] = useState<Draft>({ ...emptyDraft, ...props.initial });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<OutboxItem | null>(null);
  const change = (fields: Partial<Draft>) => setDraft((current) => ({ ...current, ...fields }));

  const senders = (mailboxes.data ?? []).filter(
    (m) => m.smtp !== null && m.ownerEmail.toLowerCase() === me,
  );
  const mailboxId = draft.mailboxId || senders[0]?.id || '';
  const answering =
    props.context.answer?.mode === 'reply' || props.context.answer?.mode === 'replyAll';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ready = { ...draft, mailboxId };
    const problem = draftProblem(ready, props.context);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      setQueued(await post<OutboxItem>('/api/messages/send', sendRequest(ready, props.context)));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  if (queued) {
    return (
      <section className="panel compose" aria-label={props.title}>
        <UndoBanner item={queued} onUndone={() => undefined} />
        <div className="form-actions">
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </section>
    );
  }

  const field = (label: string, name: 'to' | 'cc' | 'bcc' | 'subject', hint?: string) => (
    <label className="field">
      {label}
      <input
        value={draft[name]}
        placeholder={hint}
        onChange={(event) => change({ [name]: event.target.value })}
      />
    </label>
  );

  return (
    <section className="panel compose" aria-label={props.title}>
      <h2>{props.title}</h2>
      <form className="connect-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          From
          <select value={mailboxId} onChange={(event) => change({ mailboxId: event.target.value })}>
            {senders.length === 0 ? <option value="">No mailbox can send yet</option> : null}
            {senders.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {field('To', 'to', answering ? 'Those the reply goes to' : 'name@example.com, …')}
        {field('Cc', 'cc')}
        {field('Bcc', 'bcc')}
        <TemplatePicker
          record={props.context.record}
          onUse={(filled) => setDraft((current) => withTemplate(current, filled))}
        />
        {field('Subject', 'subject', props.context.answer ? 'The original’s subject' : undefined)}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.format === 'html'}
            onChange={(event) => change({ format: event.target.checked ? 'html' : 'text' })}
          />
          Write HTML (links, bold, lists; scripts and forms are removed)
        </label>
        <label className="field">
          Message
          <textarea
            rows={10}
            value={draft.body}
            onChange={(event) => change({ body: event.target.value })}
          />
        </label>
        {signature.data?.text ? (
          <div className="muted signature-preview">
            Your signature is added below:
            <pre>{signature.data.text}</pre>
          </div>
        ) : null}
        <AttachmentPicker
          record={props.context.record}
          uploads={draft.uploads}
          stored={draft.stored}
          onUploads={(uploads) => change({ uploads })}
          onStored={(stored) => change({ stored })}
        />
        <SchedulePicker schedule={draft.schedule} onChange={(schedule) => change({ schedule })} />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.track}
            onChange={(event) => change({ track: event.target.checked })}
          />
          Tell me when it is opened or a link is clicked (never for colleagues or contacts who asked
          not to be tracked)
        </label>
        <ErrorText message={error} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {draft.schedule ? 'Schedule' : 'Send'}
          </button>
          <button type="button" className="link" onClick={props.onClose}>
            Discard
          </button>
        </div>
      </form>
    </section>
  );
}
