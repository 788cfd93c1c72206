import { useState, type FormEvent } from 'react';
import type { TeamView } from '../../../../src/api-shapes/teams';
import { errorMessage } from '../../api';
import { ErrorText } from '../../components/ui';
import { useApiPost, useApiSend, useResource } from '../../use-resource';
import type { Choices } from './ConditionRow';
import { SelectField, TextField } from './form-fields';

interface TeamDraft {
  id: string | null;
  name: string;
  managerId: string;
  /** Member ids, comma separated, in round-robin order. */
  members: string;
}

const emptyTeam: TeamDraft = { id: null, name: '', managerId: '', members: '' };

/**
 * Teams, as round robins and escalations read them: each team's manager
 * and members. Admins and managers edit them; the API refuses anyone else.
 */
export function TeamsPanel(props: { people: Choices['people']; onChanged: () => void }) {
  const teams = useResource<TeamView[]>('/api/teams');
  const post = useApiPost();
  const send = useApiSend();
  const [draft, setDraft] = useState<TeamDraft>(emptyTeam);
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => props.people.find(([p]) => p === id)?.[1] ?? id;
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setDraft(emptyTeam);
      teams.reload();
      props.onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    setNameError(draft.name.trim() ? undefined : 'Give the team a name');
    if (!draft.name.trim()) return;
    const body = {
      name: draft.name,
      managerId: draft.managerId || null,
      memberIds: draft.members
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    };
    void act(() =>
      draft.id ? send('PUT', `/api/teams/${draft.id}`, body) : post('/api/teams', body),
    );
  };
  return (
    <section aria-label="Teams" className="panel">
      <h2>Teams</h2>
      <ul aria-label="Team list">
        {(teams.data ?? []).map((team) => (
          <li key={team.id}>
            {team.name}: managed by {team.managerId ? nameOf(team.managerId) : 'nobody'};{' '}
            {team.memberIds.map(nameOf).join(', ') || 'no members'}{' '}
            <button
              type="button"
              onClick={() =>
                setDraft({
                  id: team.id,
                  name: team.name,
                  managerId: team.managerId ?? '',
                  members: team.memberIds.join(', '),
                })
              }
            >
              Edit {team.name}
            </button>
            <button
              type="button"
              onClick={() => void act(() => send('DELETE', `/api/teams/${team.id}`))}
            >
              Remove {team.name}
            </button>
          </li>
        ))}
      </ul>
      <form className="connect-form" noValidate onSubmit={save}>
        <TextField
          label="Team name"
          value={draft.name}
          error={nameError}
          onChange={(name) => setDraft((d) => ({ ...d, name }))}
        />
        <SelectField
          label="Manager"
          value={draft.managerId}
          options={[['', '(none)'], ...props.people]}
          onChange={(managerId) => setDraft((d) => ({ ...d, managerId }))}
        />
        <SelectField
          label="Members"
          multiple
          value={draft.members}
          options={props.people}
          onChange={(members) => setDraft((d) => ({ ...d, members }))}
        />
        <ErrorText message={teams.error ?? error} />
        <button type="submit">{draft.id ? 'Save team' : 'Add team'}</button>
      </form>
    </section>
  );
}
