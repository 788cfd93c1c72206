import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage, type Mailbox, type OutboxItem, type Signature } from '../api';
import { ErrorText } from '../components/ui';
import { useSession } from '../session';
import { useApiPost, useResource } from '../use-resource';
import { AttachmentPicker } from './AttachmentPicker';
import { SenderVerification } from './SenderVerification';
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
import { TextField } from './TextField';
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
  const [unverified, setUnverified] = useState(false);
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
      setUnverified(failure instanceof ApiError && failure.code === 'SENDER_NOT_VERIFIED');
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  if (queued) return <Queued title={props.title} item={queued} onClose={props.onClose} />;

  const field = (label: string, name: 'to' | 'cc' | 'bcc' | 'subject', hint?: string) => (
    <TextField
      label={label}
      value={draft[name]}
      placeholder={hint}
      onChange={(value) => change({ [name]: value })}
    />
  );

  return (
    <section className="panel compose" aria-label={props.title}>
      <h2>{props.title}</h2>
      {unverified ? (
        <SenderVerification
          address={me}
          mailboxId={mailboxId || null}
          onVerified={() => {
            setUnverified(false);
            setError(null);
          }}
        />
      ) : null}
      <form className="connect-form" onSubmit={(event) => void submit(event)} noValidate>
        <MailboxChoice
          senders={senders}
          loading={!mailboxes.data}
          value={mailboxId}
          onChange={(id) => change({ mailboxId: id })}
        />
        {field('To', 'to', answering ? 'Those the reply goes to' : 'name@example.com, …')}
        {field('Cc', 'cc')}
        {field('Bcc', 'bcc')}
        <TemplatePicker
          record={props.context.record}
          onUse={(filled) => setDraft((current) => withTemplate(current, filled))}
        />
        {field('Subject', 'subject', props.context.answer ? 'The original’s subject' : undefined)}
        <MessageBody
          draft={draft}
          signature={signature.data?.text ?? ''}
          onChange={(format, body) => change({ format, body })}
        />
        <AttachmentPicker
          record={props.context.record}
          uploads={draft.uploads}
          stored={draft.stored}
          onUploads={(uploads) => change({ uploads })}
          onStored={(stored) => change({ stored })}
        />
        <SchedulePicker schedule={draft.schedule} onChange={(schedule) => change({ schedule })} />
        <TrackingChoice track={draft.track} onChange={(track) => change({ track })} />
        <ErrorText message={error} />
        <div className="form-actions">
          <button type="submit" disabled={busy || !mailboxes.data}>
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

/** The body, plain text or HTML, and the signature that will go under it. */
function MessageBody(props: {
  draft: Draft;
  signature: string;
  onChange: (format: Draft['format'], body: string) => void;
}) {
  const { format, body } = props.draft;
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={format === 'html'}
          onChange={(event) => props.onChange(event.target.checked ? 'html' : 'text', body)}
        />
        Write HTML (links, bold, lists; scripts and forms are removed)
      </label>
      <TextField
        label="Message"
        rows={10}
        value={body}
        onChange={(value) => props.onChange(format, value)}
      />
      {props.signature ? (
        <div className="muted signature-preview">
          Your signature is added below:
          <pre>{props.signature}</pre>
        </div>
      ) : null}
    </>
  );
}

/** The wish for open and click tracking; the server decides whom it may apply to. */
function TrackingChoice(props: { track: boolean; onChange: (track: boolean) => void }) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.track}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      Tell me when it is opened or a link is clicked (never for colleagues or contacts who asked not
      to be tracked)
    </label>
  );
}

/** The user's own mailboxes that have an outgoing server. */
function MailboxChoice(props: {
  senders: Mailbox[];
  loading: boolean;
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label className="field">
      From
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.senders.length === 0 ? (
          <option value="">
            {props.loading ? 'Loading your mailboxes…' : 'No mailbox can send yet'}
          </option>
        ) : null}
        {props.senders.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What stands in the form's place after Send: the undo banner and Close. */
function Queued(props: { title: string; item: OutboxItem; onClose: () => void }) {
  return (
    <section className="panel compose" aria-label={props.title}>
      <UndoBanner item={props.item} />
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
