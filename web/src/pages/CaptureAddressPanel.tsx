import { useState } from 'react';
import { errorMessage, type CaptureAddressView } from '../api';
import { ErrorText, Loading, Section } from '../components/ui';
import { useApiSend, useResource } from '../use-resource';

/** The signed-in user's capture address: what to BCC or forward mail to, and a way to replace it. */
export function CaptureAddressPanel() {
  const current = useResource<CaptureAddressView>('/api/me/capture-address');
  const send = useApiSend();
  const [rotated, setRotated] = useState<CaptureAddressView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = rotated ?? current.data;

  async function rotate() {
    if (
      !window.confirm('Replace your capture address? Mail sent to the old one will be refused.')
    ) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setRotated(await send<CaptureAddressView>('POST', '/api/me/capture-address/rotate'));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Capture address">
      <ErrorText message={current.error ?? error} />
      {!shown ? (
        <Loading />
      ) : shown.address ? (
        <>
          <p className="muted">
            BCC this address when you write to a customer, or forward a customer’s message to it: it
            is filed as if it were in your mailbox, forwards with their original sender and
            recipients. Keep it to yourself; anyone who knows it can file mail as yours.
          </p>
          <p>
            <code aria-label="Your capture address">{shown.address}</code>
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => void rotate()} disabled={busy}>
              {busy ? 'Replacing…' : 'Replace address'}
            </button>
          </div>
          {rotated ? (
            <p className="notice" role="status">
              New address ready; mail to the old one is refused from now on.
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">
          This server receives no mail yet: an admin sets a capture domain
          (THREADLINE_CAPTURE_DOMAIN) to give everyone a capture address.
        </p>
      )}
    </Section>
  );
}
