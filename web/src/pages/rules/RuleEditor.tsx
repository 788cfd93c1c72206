import { useState, type FormEvent } from 'react';
import type {
  DryRunReportView,
  WorkflowRuleInput,
} from '../../../../src/api-shapes/workflow-rules';
import { errorMessage } from '../../api';
import { ErrorText } from '../../components/ui';
import { useApiPost, useApiSend } from '../../use-resource';
import { ActionRow, type ActionChoices } from './ActionRow';
import { ConditionRow } from './ConditionRow';
import { SelectField, TextField } from './form-fields';
import {
  draftErrors,
  emptyAction,
  emptyCondition,
  emptyDraft,
  ruleInputOf,
  triggerChoices,
  type ActionDraft,
  type ConditionDraft,
  type DraftErrors,
  type RuleDraft,
} from './rule-form';

export interface Person {
  id: string;
  email: string;
  name: string;
}

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Problems of the part `prefix` (`actions.1.`) of a draft, by the part's own key. */
const errorsUnder = (errors: DraftErrors, prefix: string): DraftErrors =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, problem]) => [key.slice(prefix.length), problem]),
  );

/**
 * Creates or edits a rule (a trigger, any number of conditions, all or any
 * of which must hold, and any number of actions), dry-runs it over a
 * period to show what it would do, how often and to whom, then saves it
 * and switches it on from the start of that period. Each field's problem
 * shows at the field before anything is sent.
 */
export function RuleEditor(props: {
  choices: ActionChoices;
  nameOf: (id: string) => string;
  editing: { id: string; draft: RuleDraft } | null;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<RuleDraft>(props.editing?.draft ?? emptyDraft);
  const [from, setFrom] = useState(day(-30));
  const [to, setTo] = useState(day(1));
  const [report, setReport] = useState<DryRunReportView | null>(null);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const post = useApiPost();
  const send = useApiSend();
  const set = (fields: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...fields }));
  const errors = checked ? draftErrors(draft) : {};
  const period = () => ({ from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`) });
  /** Runs `work` with the draft as the API takes it, once every field is right. */
  const whenValid = async (work: (input: WorkflowRuleInput) => Promise<void>) => {
    setChecked(true);
    setError(null);
    if (Object.keys(draftErrors(draft)).length > 0) return;
    try {
      await work(ruleInputOf(draft));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const dryRun = (event: FormEvent) => {
    event.preventDefault();
    void whenValid(async (rule) => {
      setReport(await post<DryRunReportView>('/api/workflow-rules/dry-run', { rule, ...period() }));
    });
  };

  const saveAndSwitchOn = () =>
    whenValid(async (input) => {
      const saved = props.editing
        ? await send<{ id: string }>('PUT', `/api/workflow-rules/${props.editing.id}`, input)
        : await post<{ id: string }>('/api/workflow-rules', input);
      await post(`/api/workflow-rules/${saved.id}/switch`, {
        enabled: true,
        appliesFrom: period().from,
      });
      setDraft(emptyDraft);
      setChecked(false);
      setReport(null);
      props.onSaved();
    });

  const hint = triggerChoices.find(([kind]) => kind === draft.trigger)?.[2] ?? '';
  const setCondition = (index: number, fields: Partial<ConditionDraft>) =>
    set({ conditions: draft.conditions.map((c, i) => (i === index ? { ...c, ...fields } : c)) });
  const setAction = (index: number, fields: Partial<ActionDraft>) =>
    set({ actions: draft.actions.map((a, i) => (i === index ? { ...a, ...fields } : a)) });
  return (
    <section aria-label="Rule editor" className="panel">
      <h2>{props.editing ? 'Edit rule' : 'New rule'}</h2>
      <form className="connect-form" noValidate onSubmit={dryRun}>
        <TextField
          label="Name"
          value={draft.name}
          error={errors.name}
          onChange={(name) => set({ name })}
        />
        <SelectField
          label="When"
          value={draft.trigger}
          options={triggerChoices.map(([kind, label]) => [kind, label] as const)}
          onChange={(trigger) => set({ trigger, triggerValue: '' })}
        />
        {hint ? (
          <TextField
            label={hint}
            value={draft.triggerValue}
            error={errors.triggerValue}
            onChange={(triggerValue) => set({ triggerValue })}
          />
        ) : null}
        <fieldset>
          <legend>Only if</legend>
          {draft.conditions.length > 1 ? (
            <SelectField
              label="Conditions that must hold"
              value={draft.match}
              options={[
                ['all', 'all of them'],
                ['any', 'any one of them'],
              ]}
              onChange={(match) => set({ match: match as RuleDraft['match'] })}
            />
          ) : null}
          {draft.conditions.map((condition, index) => (
            <ConditionRow
              key={index}
              name={`Condition ${index + 1}`}
              draft={condition}
              error={errors[`conditions.${index}.value`]}
              choices={props.choices}
              set={(fields) => setCondition(index, fields)}
              onRemove={() => set({ conditions: draft.conditions.filter((_, i) => i !== index) })}
            />
          ))}
          <button
            type="button"
            onClick={() => set({ conditions: [...draft.conditions, emptyCondition] })}
          >
            Add a condition
          </button>
        </fieldset>
        <fieldset>
          <legend>Then</legend>
          {draft.actions.map((action, index) => (
            <ActionRow
              key={index}
              name={`Action ${index + 1}`}
              draft={action}
              errors={errorsUnder(errors, `actions.${index}.`)}
              choices={props.choices}
              set={(fields) => setAction(index, fields)}
              onRemove={
                draft.actions.length > 1
                  ? () => set({ actions: draft.actions.filter((_, i) => i !== index) })
                  : null
              }
            />
          ))}
          <button type="button" onClick={() => set({ actions: [...draft.actions, emptyAction] })}>
            Add an action
          </button>
        </fieldset>
        <fieldset>
          <legend>Dry run</legend>
          <TextField label="From" type="date" value={from} onChange={setFrom} />
          <TextField label="To" type="date" value={to} onChange={setTo} />
        </fieldset>
        <ErrorText message={error} />
        <div className="form-actions">
          <button type="submit">Dry run</button>
          <button type="button" disabled={!report} onClick={() => void saveAndSwitchOn()}>
            Save and switch on
          </button>
        </div>
      </form>
      {report ? <DryRunResult report={report} nameOf={props.nameOf} /> : null}
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
