import { EditableList } from '../components/EditableList';
import { ErrorText, Loading } from '../components/ui';
import type { Mailbox } from '../api';
import { useDocumentTitle, useResource } from '../use-resource';
import { useSearchParams } from 'react-router-dom';
import { ConnectForm } from './mailboxes/ConnectForm';
import { SignInButtons } from './mailboxes/SignInButtons';
import { HealthPanel } from './mailboxes/HealthPanel';
import { DavSourcesPanel } from './DavSourcesPanel';

export function MailboxesPage() {
  useDocumentTitle('Mailboxes');
  const mailboxes = useResource<Mailbox[]>('/api/mailboxes', { live: ['mailboxes'] });
  const imapMailboxes = (mailboxes.data ?? []).filter((mailbox) => mailbox.kind === 'imap');
  // Where the provider's consent screen sends the browser back to.
  const [search] = useSearchParams();
  const signedIn = imapMailboxes.find((mailbox) => mailbox.id === search.get('signedIn'));
  return (
    <>
      <header className="page-head">
        <h1>Mailboxes</h1>
      </header>
      <ErrorText message={mailboxes.error ?? search.get('signInError')} />
      {signedIn ? (
        <p className="notice" role="status">
          Signed in: “{signedIn.label}” is connected and syncing.
        </p>
      ) : null}
      {mailboxes.loading && !mailboxes.data ? <Loading /> : null}
      {imapMailboxes.map((mailbox) => (
        <HealthPanel key={mailbox.id} mailbox={mailbox} onChanged={mailboxes.reload} />
      ))}
      {mailboxes.data && imapMailboxes.length === 0 ? (
        <p className="muted">No mailbox connected yet.</p>
      ) : null}
      <SignInButtons />
      <ConnectForm onConnected={mailboxes.reload} />
      <DavSourcesPanel mailboxes={imapMailboxes} />
      <EditableList<{ items: string[] }>
        title="Never capture"
        description="Mail to or from these addresses and domains is never captured from your mailboxes, whatever else it matches. Colleagues' mailboxes are not affected."
        path="/api/me/blocklist"
        valuesOf={(answer) => answer.items}
        bodyOf={(pattern) => ({ pattern })}
        empty="Nothing blocked."
        listLabel="Blocked addresses and domains"
        inputLabel="Address or domain"
        inputType="text"
        placeholder="friend@example.com or example.com"
        addLabel="Block"
      />
    </>
  );
}
