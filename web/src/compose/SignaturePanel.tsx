import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, type Signature } from '../api';
import { ErrorText, Section } from '../components/ui';
import { useApiSend, useResource } from '../use-resource';
import { TextField } from './TextField';

/** The user's signature, put under everything they write from Threadline. */
export function SignaturePanel() {
  const current = useResource<Signature | null>('/api/me/signature');
  const send = useApiSend();
  const [text, setText] = useState('');
  const [html, setHtml] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!current.data) return;
    setText(current.data.text);
    setHtml(current.data.html ?? '');
  }, [current.data]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    try {
      await send('PUT', '/api/me/signature', { text, html: html.trim() ? html : null });
      setNotice('Signature saved.');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Section title="Signature">
      <form className="connect-form" onSubmit={(event) => void save(event)}>
        <TextField label="Plain text" rows={4} value={text} onChange={setText} />
        <TextField
          label="HTML (optional; scripts, forms and event handlers are removed)"
          rows={4}
          value={html}
          onChange={setHtml}
        />
        <ErrorText message={error ?? current.error} />
        {notice ? (
          <p className="muted" role="status">
            {notice}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit">Save signature</button>
        </div>
      </form>
    </Section>
  );
}
