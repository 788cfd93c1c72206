import type { Dispatch, SetStateAction } from 'react';
import { Link } from 'react-router-dom';
import type { CaptureMode, ConnectionTest, DataScope, SharingSettings } from '../../api';
import { useResource } from '../../use-resource';
import type { FormState } from './connect-form-state';
import { Check, Field, Radio } from './form-fields';

export const dataScopeOptions: [DataScope, string][] = [
  ['full', 'Full e-mail with attachments'],
  ['no_attachments', 'Full e-mail without attachments'],
  ['metadata', 'Subject, date and participants only (only participants open the mail)'],
];

export const captureModeOptions: [CaptureMode, string][] = [
  ['auto', 'File conversations automatically'],
  ['review', 'Let me review before filing (in Review)'],
];

/** The two history windows, each with what it is for: both are the user's choice. */
export function WindowFields(props: {
  id: string;
  activity: string;
  stats: string;
  set: (key: 'activityWindowDays' | 'statsWindowDays', value: string) => void;
}) {
  return (
    <fieldset>
      <legend>History to import</legend>
      <Field label="Conversations from the last (days)" htmlFor={`${props.id}-activity`}>
        <input
          id={`${props.id}-activity`}
          type="number"
          min={0}
          max={3650}
          value={props.activity}
          onChange={(event) => props.set('activityWindowDays', event.target.value)}
        />
        <small className="muted">
          Mail this recent is filed on accounts, contacts and deals as conversations.
        </small>
      </Field>
      <Field label="Statistics from the last (days)" htmlFor={`${props.id}-stats`}>
        <input
          id={`${props.id}-stats`}
          type="number"
          min={0}
          max={3650}
          value={props.stats}
          onChange={(event) => props.set('statsWindowDays', event.target.value)}
        />
        <small className="muted">
          Older mail back to this date only counts towards who talks to whom and how often.
        </small>
      </Field>
    </fieldset>
  );
}

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
      <WindowFields
        id={props.id}
        activity={props.form.activityWindowDays}
        stats={props.form.statsWindowDays}
        set={props.set}
      />
      <fieldset>
        <legend>What to keep</legend>
        <Radio
          name={`${props.id}-scope`}
          options={dataScopeOptions}
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
          options={captureModeOptions}
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
