import { useState } from 'react';
import type { TeamView } from '../../../src/api-shapes/teams';
import type {
  WebhookDeliveryView,
  WebhookEndpointView,
  WorkflowRuleView,
} from '../../../src/api-shapes/workflow-rules';
import { errorMessage } from '../api';
import { ErrorText, Loading } from '../components/ui';
import { useApiPost, useApiSend, useDocumentTitle, useResource } from '../use-resource';
import { HolidaysPanel, WorkingHoursPanel } from './rules/BusinessHoursPanel';
import { RuleEditor, type Person } from './rules/RuleEditor';
import { TeamsPanel } from './rules/TeamsPanel';
import { draftOf, triggerChoices } from './rules/rule-form';

/**
 * Workflow rules: the list in order of evaluation (move, switch on and off,
 * edit), the editor with its dry run, what owner choices and business
 * hours read (territories, teams, working hours, holidays), and the
 * webhook dead-letter list with replay.
 */
export function RulesPage() {
  useDocumentTitle('Rules');
  const rules = useResource<WorkflowRuleView[]>('/api/workflow-rules');
  const people = useResource<{ items: Person[] }>('/api/follow-ups/assignees');
  const teams = useResource<TeamView[]>('/api/teams');
  const endpoints = useResource<WebhookEndpointView[]>('/api/webhooks');
  const personChoices = (people.data?.items ?? []).map((p) => [p.id, p.name || p.email] as const);
  const [editing, setEditing] = useState<{ id: string; rule: WorkflowRuleView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const post = useApiPost();
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      rules.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const list = rules.data ?? [];
  /** Two rules trade places in the order. */
  const swap = async (rule: WorkflowRuleView, other: WorkflowRuleView) => {
    await post(`/api/workflow-rules/${rule.id}/position`, { position: other.position });
    await post(`/api/workflow-rules/${other.id}/position`, { position: rule.position });
  };
  const label = (kind: string) => triggerChoices.find(([k]) => k === kind)?.[1] ?? kind;
  return (
    <>
      <header className="page-head">
        <h1>Rules</h1>
      </header>
      <ErrorText message={rules.error ?? error} />
      {rules.loading && !rules.data ? <Loading /> : null}
      <table aria-label="Workflow rules">
        <thead>
          <tr>
            <th>Order</th>
            <th>Rule</th>
            <th>When</th>
            <th>Fired</th>
            <th>On</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((rule, index) => (
            <tr key={rule.id}>
              <td>
                <button
                  type="button"
                  aria-label={`Move ${rule.name} up`}
                  disabled={index === 0}
                  onClick={() => void act(() => swap(rule, list[index - 1]!))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${rule.name} down`}
                  disabled={index === list.length - 1}
                  onClick={() => void act(() => swap(rule, list[index + 1]!))}
                >
                  ↓
                </button>
              </td>
              <td>{rule.name}</td>
              <td>{label(rule.trigger.kind)}</td>
              <td>{rule.firedCount}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${rule.name} switched on`}
                  checked={rule.enabled}
                  onChange={(e) =>
                    void act(() =>
                      post(`/api/workflow-rules/${rule.id}/switch`, { enabled: e.target.checked }),
                    )
                  }
                />
              </td>
              <td>
                <button type="button" onClick={() => setEditing({ id: rule.id, rule })}>
                  Edit {rule.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.data && list.length === 0 ? <p className="muted">No rules yet.</p> : null}
      <RuleEditor
        key={editing?.id ?? 'new'}
        choices={{
          people: personChoices,
          teams: (teams.data ?? []).map((t) => [t.id, t.name] as const),
          endpoints: (endpoints.data ?? []).map((e) => [e.id, e.url] as const),
        }}
        nameOf={(id) => people.data?.items.find((p) => p.id === id)?.name ?? id}
        editing={editing && { id: editing.id, draft: draftOf(editing.rule) }}
        onSaved={() => {
          setEditing(null);
          rules.reload();
        }}
      />
      <Territories people={people.data?.items ?? []} />
      <TeamsPanel people={personChoices} onChanged={teams.reload} />
      <WorkingHoursPanel people={personChoices} />
      <HolidaysPanel />
      <DeadLetters />
    </>
  );
}

function Territories({ people }: { people: readonly Person[] }) {
  const territories = useResource<{ country: string; userId: string }[]>('/api/territories');
  const send = useApiSend();
  const [country, setCountry] = useState('');
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (code: string, user: string | null) => {
    setError(null);
    try {
      await send('PUT', `/api/territories/${code}`, { userId: user });
      territories.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-label="Territories" className="panel">
      <h2>Territories</h2>
      <ul aria-label="Country reps">
        {(territories.data ?? []).map((t) => (
          <li key={t.country}>
            {t.country}: {nameOf(t.userId)}{' '}
            <button type="button" onClick={() => void save(t.country, null)}>
              Remove {t.country}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="connect-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(country, userId || null);
        }}
      >
        <label className="field">
          Country code
          <input
            aria-label="Country code"
            value={country}
            maxLength={2}
            onChange={(e) => setCountry(e.target.value)}
            required
          />
        </label>
        <label className="field">
          Rep
          <select
            aria-label="Rep"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            required
          >
            <option value="">(choose)</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name || p.email}
              </option>
            ))}
          </select>
        </label>
        <ErrorText message={territories.error ?? error} />
        <button type="submit">Set territory</button>
      </form>
    </section>
  );
}

function DeadLetters() {
  const dead = useResource<WebhookDeliveryView[]>('/api/webhooks/deliveries?status=dead');
  const post = useApiPost();
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-label="Webhook dead letters" className="panel">
      <h2>Webhook deliveries that failed</h2>
      <ErrorText message={dead.error ?? error} />
      {dead.data && dead.data.length === 0 ? <p className="muted">No failed deliveries.</p> : null}
      <ul aria-label="Dead letters">
        {(dead.data ?? []).map((d) => (
          <li key={d.id}>
            {d.eventType} to {d.url} after {d.attempts} attempts: {d.lastError ?? 'refused'}{' '}
            <button
              type="button"
              onClick={() =>
                void post(`/api/webhooks/deliveries/${d.id}/replay`)
                  .then(dead.reload)
                  .catch((failure: unknown) => setError(errorMessage(failure)))
              }
            >
              Replay
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
