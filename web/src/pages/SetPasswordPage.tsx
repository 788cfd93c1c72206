import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api';
import { ErrorText } from '../components/ui';
import { useSession } from '../session';
import { useDocumentTitle } from '../use-resource';

/** Where an invitation or reset link leads: choose a password, then go in signed in. */
export function SetPasswordPage() {
  const { setPasswordWithLink } = useSession();
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle('Set your password');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== repeated) {
      setError('The two passwords differ');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setPasswordWithLink(token, password);
      void navigate('/', { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <p className="brand">Threadline</p>
        <h1>Set your password</h1>
        {token ? null : <ErrorText message="This link has no token: open the whole link again" />}
        <label htmlFor="new-password">New password (at least 12 characters)</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <label htmlFor="new-password-again">The same again</label>
        <input
          id="new-password-again"
          type="password"
          autoComplete="new-password"
          required
          value={repeated}
          onChange={(event) => setRepeated(event.target.value)}
        />
        <ErrorText message={error} />
        <button type="submit" className="primary" disabled={busy || !token}>
          {busy ? 'Saving…' : 'Set password and sign in'}
        </button>
      </form>
    </main>
  );
}
