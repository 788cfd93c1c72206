import type { Dispatch, SetStateAction } from 'react';
import { Link } from 'react-router-dom';
import type { ConnectionTest, SharingSettings } from '../../api';
import { useResource } from '../../use-resource';
import type { FormState } from './connect-form-state';
import { Check, Field, Radio } from './form-fields';

type FoundFolders = Extract<ConnectionTest, { ok: true }>['folders'];

/** After a passing connection test: which folders, how much history, what to keep, how to file. */
export function CaptureChoices(props: {
  id: string;
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  found: FoundFolders;
  folders: string[];
  setFolders: Dispatch<SetStateAction<string[]>>;
  connecting: boolean;
  disabled: boolean;
}) {
  return (
    <>
      <p className="notice" role="status">
        Connected. The server has {props.found.length} folders.
      </p>
      <fieldset>
        <legend>Folders to capture</legend>
        <p className="muted">Spam, Trash, Drafts and Junk are left out unless you tick them.</p>
        <ul className="plain folder-list">
          {props.found.map((folder) => (
            <li key={folder.path}>
              <Check
                label={
                  folder.specialUse
                    ? `${folder.path} (${folder.specialUse.replace('\\', '')})`
                    : folder.path
                }
                checked={props.folders.includes(folder.path)}
                onChange={(value) =>
                  props.setFolders((current) =>
                    value ? [...current, folder.path] : current.filter((p) => p !== folder.path),
                  )
                }
              />
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>History to import</legend>
        <Field label="Conversations from the last (days)" htmlFor={`${props.id}-activity`}>
          <input
            id={`${props.id}-activity`}
            type="number"
            min={0}
            max={3650}
            value={props.form.activityWindowDays}
            onChange={(event) => props.set('activityWindowDays', event.target.value)}
          />
        </Field>
        <Field label="Statistics from the last (days)" htmlFor={`${props.id}-stats`}>
          <input
            id={`${props.id}-stats`}
            type="number"
            min={0}
            max={3650}
            value={props.form.statsWindowDays}
            onChange={(event) => props.set('statsWindowDays', event.target.value)}
          />
        </Field>
      </fieldset>
      <fieldset>
        <legend>What to keep</legend>
        <Radio
          name={`${props.id}-scope`}
          options={[
            ['full', 'Full e-mail with attachments'],
            ['no_attachments', 'Full e-mail without attachments'],
            ['metadata', 'Subject, date and participants only (only participants open the mail)'],
          ]}
          value={props.form.dataScope}
          onChange={(value) => props.set('dataScope', value)}
        />
        <p className="muted">
          Who else sees this mail follows your sharing setting: <SharingWords /> (
          <Link to="/settings">change it in Settings</Link>).
        </p>
      </fieldset>
      <fieldset>
        <legend>Filing</legend>
        <Radio
          name={`${props.id}-mode`}
          options={[
            ['auto', 'File conversations automatically'],
            ['review', 'Let me review before filing (in Review)'],
          ]}
          value={props.form.captureMode}
          onChange={(value) => props.set('captureMode', value)}
        />
        <Check
          label="Create contacts for new people on known accounts’ domains"
          checked={props.form.createContacts}
          onChange={(value) => props.set('createContacts', value)}
        />
      </fieldset>
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={props.disabled || props.folders.length === 0}
        >
          {props.connecting ? 'Connecting…' : 'Connect mailbox'}
        </button>
      </div>
    </>
  );
}

const sharingWords: Record<SharingSettings['mode'], string> = {
  private: 'private, only you',
  public: 'public, everyone in the organisation',
  custom: 'custom, the colleagues you named',
};

/** The user's sharing mode in a few words, as the mailbox form reminds it. */
function SharingWords() {
  const sharing = useResource<SharingSettings>('/api/me/sharing');
  if (!sharing.data) return <>…</>;
  return (
    <strong>
      {sharingWords[sharing.data.mode]}
      {sharing.data.imposedByAdmin ? ', set by an admin' : ''}
    </strong>
  );
}
