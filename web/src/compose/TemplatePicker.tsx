import { useState } from 'react';
import { errorMessage, type MessageTemplate } from '../api';
import { useApiPost, useResource } from '../use-resource';
import { ErrorText } from '../components/ui';
import type { ComposeContext } from './draft';

export interface FilledTemplate {
  /** The template filled. */
  id: string;
  subject: string;
  text: string;
  html: string | null;
}

/**
 * Choose a template, see it filled from the record written from, then use
 * it. A field the record leaves empty is named here, before anything is sent.
 */
export function TemplatePicker(props: {
  record: ComposeContext['record'];
  onUse: (filled: FilledTemplate) => void;
}) {
  const templates = useResource<{ items: MessageTemplate[] }>('/api/templates');
  const post = useApiPost();
  const [chosen, setChosen] = useState('');
  const [preview, setPreview] = useState<FilledTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(id: string) {
    setChosen(id);
    setPreview(null);
    setError(null);
    if (!id) return;
    try {
      const path = `/api/templates/${encodeURIComponent(id)}/apply`;
      const filled = await post<Omit<FilledTemplate, 'id'>>(path, { record: props.record });
      setPreview({ ...filled, id });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const items = templates.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <fieldset className="template-picker">
      <legend>Template</legend>
      <label className="field">
        Start from a template
        <select value={chosen} onChange={(event) => void choose(event.target.value)}>
          <option value="">None</option>
          {items.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
              {template.shared ? ` (shared by ${template.ownerName})` : ''}
            </option>
          ))}
        </select>
      </label>
      <ErrorText message={error} />
      {preview ? (
        <div className="template-preview" aria-label="Template preview">
          <p>
            <strong>{preview.subject || '(no subject)'}</strong>
          </p>
          <pre>{preview.text}</pre>
          <div className="form-actions">
            <button
              type="button"
              onClick={() => {
                props.onUse(preview);
                setPreview(null);
                setChosen('');
              }}
            >
              Use this template
            </button>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
