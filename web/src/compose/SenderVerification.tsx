import { useId, useState, type FormEvent } from 'react';
import type { SenderAddress } from '../api';
import { ErrorText } from '../components/ui';
import { useAction, useApiPost } from '../use-resource';

/**
 * Proving the user receives mail at the address they send from: a code is
 * mailed to it through their own mailbox, and entering it allows sending.
 */
export function SenderVerification(props: {
  address: string;
  mailboxId: string | null;
  onVerified: (status: SenderAddress) => void;
}) {
  const id = useId();
  const post = useApiPost();
  const [code, setCode] = useState('');
  const [sentUntil, setSentUntil] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const mailCode = () =>
    run(async () => {
      const status = await post<SenderAddress>('/api/me/sender-address/verification', {
        mailboxId: props.mailboxId,
      });
      setSentUntil(status.codeExpiresAt);
    });
  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () =>
      props.onVerified(
        await post<SenderAddress>('/api/me/sender-address/verification/confirm', { code }),
      ),
    );
  };

  return (
    <div className="notice sender-verification" role="region" aria-label="Verify your address">
      <p>
        Before Threadline sends mail from <strong>{props.address}</strong>, prove it is yours: we
        mail a 6-digit code to it through your mailbox.
      </p>
      <div className="form-actions">
        <button type="button" disabled={busy || !props.mailboxId} onClick={() => void mailCode()}>
          {sentUntil ? 'Send another code' : 'Send me a code'}
        </button>
      </div>
      {sentUntil ? (
        <form className="form-actions" onSubmit={confirm}>
          <label htmlFor={`${id}-code`}>Code from the message</label>
          <input
            id={`${id}-code`}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <button type="submit" className="primary" disabled={busy}>
            Verify
          </button>
        </form>
      ) : null}
      <ErrorText message={error} />
    </div>
  );
}
