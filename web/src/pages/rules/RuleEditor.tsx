import { useState, type FormEvent } from 'react';
import type { DryRunReportView } from '../../../../src/api-shapes/workflow-rules';
import { errorMessage } from '../../api';
import { ErrorText } from '../../components/ui';
import { useApiPost, useApiSend } from '../../use-resource';
import { emptyDraft, ruleInputOf, triggerChoices, type RuleDraft } from './rule-form';

export interface Person {
  id: string;
  email: string;
  name: string;
}

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Creates or edits a rule, dry-runs it over a period to show what it would
 * do, how often and to whom, then saves it and switches it on from the
 * start of that period.
 */
export function RuleEditor(props: {
  people: readonly Person[];
  editing: { id: string; draft: RuleDraft } | null;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<RuleDraft>(props.editing?.draft ?? emptyDraft);
  const [from, setFrom] = useState(day(-30));
  const [to, setTo] = useState(day(1));
  const [report, setReport] = useState<DryRunReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const post = useApiPost();
  const send = useApiSend();
  const set = (fields: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...fields }));
  const nameOf = (id: string) => props.people.find((p) => p.id === id)?.name ?? id;
  const period = () => ({ from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`) });

  async function dryRun(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setReport(
        await post<DryRunReportView>('/api/workflow-rules/dry-run', {
          rule: ruleInputOf(draft),
          ...period(),
        }),
      );
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function saveAndSwitchOn() {
    setError(null);
    try {
      const input = ruleInputOf(draft);
      const saved = props.editing
        ? await send<{ id: string }>('PUT', `/api/workflow-rules/${props.editing.id}`, input)
        : await post<{ id: string }>('/api/workflow-rules', input);
      await post(`/api/workflow-rules/${saved.id}/switch`, {
        enabled: true,
        appliesFrom: period().from,
      });
      setDraft(emptyDraft);
      setReport(null);
      props.onSaved();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const hint = triggerChoices.find(([kind]) => kind === draft.trigger)?.[2] ?? '';
  return (
    <section aria-label="Rule editor" className="panel">
      <h2>{props.editing ? 'Edit rule' : 'New rule'}</h2>
      <form className="connect-form" onSubmit={(event) => void dryRun(event)}>
        <label className="field">
          Name
          <input
            aria-label="Name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            required
          />
        </label>
        <label className="field">
          When
          <select
            aria-label="When"
            value={draft.trigger}
            onChange={(e) => set({ trigger: e.target.value, triggerValue: '' })}
          >
            {triggerChoices.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {hint ? (
          <label className="field">
            {hint}
            <input
              aria-label={hint}
              value={draft.triggerValue}
              onChange={(e) => set({ triggerValue: e.target.value })}
            />
          </label>
        ) : null}
        <fieldset>
          <legend>Only if</legend>
          <label className="field">
            Condition field
            <select
              aria-label="Condition field"
              value={draft.conditionField}
              onChange={(e) => set({ conditionField: e.target.value })}
            >
              <option value="">(no condition)</option>
              {[
                'country',
                'sender_domain',
                'sender',
                'intent',
                'sentiment',
                'subject',
                'deal_stage',
                'case_status',
                'mailbox_owner',
                'owner_team',
              ].map((f) => (
                <option key={f} value={f}>
                  {f.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Test
            <select
              aria-label="Test"
              value={draft.conditionOp}
              onChange={(e) => set({ conditionOp: e.target.value as RuleDraft['conditionOp'] })}
            >
              <option value="in">is one of</option>
              <option value="not_in">is none of</option>
              <option value="contains">contains</option>
            </select>
          </label>
          <label className="field">
            Values, comma separated
            <input
              aria-label="Values, comma separated"
              value={draft.conditionValues}
              onChange={(e) => set({ conditionValues: e.target.value })}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>Then</legend>
          <label className="field">
            Action
            <select
              aria-label="Action"
              value={draft.action}
              onChange={(e) => set({ action: e.target.value as RuleDraft['action'] })}
            >
              <option value="create_lead">Create a lead</option>
              <option value="create_contact">Create a contact</option>
              <option value="create_task">Create a task</option>
              <option value="notify">Notify in the app</option>
              <option value="escalate">Escalate to the manager</option>
            </select>
          </label>
          <label className="field">
            Task title or note
            <input
              aria-label="Task title or note"
              value={draft.note}
              onChange={(e) => set({ note: e.target.value })}
            />
          </label>
          <label className="field">
            Owner
            <select
              aria-label="Owner"
              value={draft.ownerKind}
              onChange={(e) =>
                set({ ownerKind: e.target.value as RuleDraft['ownerKind'], ownerValue: '' })
              }
            >
              <option value="territory">The sender’s territory rep</option>
              <option value="user">A named user</option>
              <option value="role">A role, in turn</option>
              <option value="round_robin">A team, round robin</option>
              <option value="mailbox_owner">The mailbox’s owner</option>
            </select>
          </label>
          {draft.ownerKind === 'user' || draft.ownerKind === 'territory' ? (
            <label className="field">
              {draft.ownerKind === 'user' ? 'User' : 'Fallback user'}
              <select
                aria-label={draft.ownerKind === 'user' ? 'User' : 'Fallback user'}
                value={draft.ownerValue}
                onChange={(e) => set({ ownerValue: e.target.value })}
              >
                <option value="">(none)</option>
                {props.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name || p.email}
                  </option>
                ))}
              </select>
            </label>
          ) : draft.ownerKind === 'mailbox_owner' ? null : (
            <label className="field">
              {draft.ownerKind === 'role' ? 'Role (admin, manager or rep)' : 'Team id'}
              <input
                aria-label={draft.ownerKind === 'role' ? 'Role (admin, manager or rep)' : 'Team id'}
                value={draft.ownerValue}
                onChange={(e) => set({ ownerValue: e.target.value })}
              />
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>Dry run</legend>
          <label className="field">
            From
            <input
              aria-label="From"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label className="field">
            To
            <input aria-label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </fieldset>
        <ErrorText message={error} />
        <div className="form-actions">
          <button type="submit">Dry run</button>
          <button type="button" disabled={!report} onClick={() => void saveAndSwitchOn()}>
            Save and switch on
          </button>
        </div>
      </form>
      {report ? <DryRunResult report={report} nameOf={nameOf} /> : null}
    </section>
  );
}

function DryRunResult({
  report,
  nameOf,
}: {
  report: DryRunReportView;
  nameOf: (id: string) => string;
}) {
  return (
    <div role="region" aria-label="Dry run result">
      <p role="status">
        Would fire on {report.matched} of {report.scanned} messages
        {report.truncated ? ' (the period holds more mail than one dry run reads)' : ''}.
      </p>
      <ul aria-label="What it would do">
        {Object.entries(report.effectCounts).map(([kind, count]) => (
          <li key={kind}>
            {kind.replace('_', ' ')}: {count}
          </li>
        ))}
        {Object.entries(report.ownerCounts).map(([owner, count]) => (
          <li key={owner}>
            to {owner === 'none' ? 'nobody' : nameOf(owner)}: {count}
          </li>
        ))}
      </ul>
      <table>
        <thead>
          <tr>
            <th>Sent</th>
            <th>From</th>
            <th>Subject</th>
            <th>Why</th>
            <th>Would</th>
          </tr>
        </thead>
        <tbody>
          {report.firings.map((firing) => (
            <tr key={firing.messageId + firing.reasons.join()}>
              <td>{firing.sentAt.slice(0, 10)}</td>
              <td>{firing.sender}</td>
              <td>{firing.subject}</td>
              <td>{firing.reasons.join('; ')}</td>
              <td>
                {firing.effects
                  .map(
                    (e) =>
                      `${e.kind.replace('_', ' ')} ${e.target}${e.ownerId ? ` → ${nameOf(e.ownerId)}` : ''}`,
                  )
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
