import type { Mailbox, SenderAddress } from '../api';
import { ErrorText, Loading, Section } from '../components/ui';
import { SenderVerification } from '../compose/SenderVerification';
import { formatDateTime } from '../mail-words';
import { useResource } from '../use-resource';

/** Whether mail may leave from the user's address, and the code that proves it when not yet. */
export function SenderAddressPanel() {
  const status = useResource<SenderAddress>('/api/me/sender-address');
  const mailboxes = useResource<Mailbox[]>('/api/mailboxes');
  const shown = status.data;
  const sending = (mailboxes.data ?? []).find(
    (mailbox) =>
      mailbox.smtp !== null && mailbox.ownerEmail.toLowerCase() === shown?.address.toLowerCase(),
  );
  return (
    <Section title="Sender address">
      <ErrorText message={status.error} />
      {!shown ? (
        <Loading />
      ) : shown.verifiedAt ? (
        <p className="muted">
          {shown.address} was verified on {formatDateTime(shown.verifiedAt)}.
        </p>
      ) : !shown.required ? (
        <p className="muted">
          Your administrator does not ask for sender addresses to be verified.
        </p>
      ) : (
        <>
          <p className="muted">
            A mailbox that signs in to its outgoing server as {shown.address} needs no code; any
            other needs the address verified once.
          </p>
          <SenderVerification
            address={shown.address}
            mailboxId={sending?.id ?? null}
            onVerified={() => status.reload()}
          />
          {mailboxes.data && !sending ? (
            <p className="muted">Connect a mailbox with an outgoing server to receive the code.</p>
          ) : null}
        </>
      )}
    </Section>
  );
}
