import { useState } from 'react';
import { errorMessage, type OAuthChoice, type SignInStart } from '../../api';
import { ErrorText, Section } from '../../components/ui';
import { useApiPost, useResource } from '../../use-resource';

/** Off to the provider's consent screen; it sends the browser back to Mailboxes. */
function useSignIn() {
  const post = useApiPost();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function go(body: SignInStart) {
    setBusy(true);
    setError(null);
    try {
      const { authorizationUrl } = await post<{ authorizationUrl: string }>(
        '/api/mailboxes/sign-in',
        body,
      );
      window.location.assign(authorizationUrl);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }
  return { go, error, busy };
}

/** One button per provider the organisation registered: no server settings, no pasted tokens. */
export function SignInButtons() {
  const providers = useResource<OAuthChoice[]>('/api/oauth/providers');
  const signIn = useSignIn();
  if (!providers.data?.length) return null;
  return (
    <Section title="Connect with one sign-in">
      <p className="muted">
        Sign in at your provider and allow Threadline to read your mail; you come back here with the
        mailbox connected.
      </p>
      {providers.data.map((choice) => (
        <button
          key={choice.provider}
          type="button"
          disabled={signIn.busy}
          onClick={() => void signIn.go({ provider: choice.provider })}
        >
          Sign in with {choice.label}
        </button>
      ))}
      <ErrorText message={signIn.error} />
    </Section>
  );
}

/** For a mailbox whose grant was revoked or expired: sync resumes where it stopped. */
export function SignInAgainButton({ mailboxId }: { mailboxId: string }) {
  const signIn = useSignIn();
  return (
    <>
      <button type="button" disabled={signIn.busy} onClick={() => void signIn.go({ mailboxId })}>
        Sign in again
      </button>
      <ErrorText message={signIn.error} />
    </>
  );
}
