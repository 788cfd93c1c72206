import { useId, useState, type FormEvent } from 'react';
import { errorMessage, type StrengthWeightsShape } from '../api';
import { ErrorText, Loading, Section } from '../components/ui';
import { useApiSend, useResource } from '../use-resource';

type Weights = StrengthWeightsShape['weights'];
type Point = keyof Weights['points'];
type Setting = Exclude<keyof Weights, 'points'>;

const pointLabels: [Point, string][] = [
  ['reply_received', 'Reply received'],
  ['message_received', 'Message received'],
  ['message_sent', 'Message sent'],
  ['meeting', 'Meeting'],
  ['human_open', 'Opened by a person'],
];

const settingLabels: [Setting, string][] = [
  ['halfLifeDays', 'Half-life (days): an interaction this old counts half'],
  ['fastReplyMinutes', 'Fast reply (minutes)'],
  ['fastReplyBonus', 'Fast reply bonus (0.25 = +25%)'],
  ['deepThreadMessages', 'Deep thread (messages)'],
  ['deepThreadBonus', 'Deep thread bonus (0.25 = +25%)'],
  ['saturation', 'Saturation: points at which the score reaches 63'],
];

/** The connection strength weights, editable by an admin; every change is audited. */
export function StrengthWeightsPanel({ onChanged }: { onChanged: () => void }) {
  const current = useResource<StrengthWeightsShape>('/api/settings/connection-strength');
  return (
    <Section title="Connection strength">
      <p className="muted">
        Each interaction earns its points, halved every half-life, raised for a fast reply or a deep
        thread; the sum, times reciprocity (0.5 when only one side writes, 1 when both write as
        often), becomes a score of 100 × (1 − e^(−points / saturation)).
      </p>
      <ErrorText message={current.error} />
      {current.data ? (
        <WeightsForm initial={current.data.weights} onChanged={onChanged} />
      ) : current.error ? null : (
        <Loading />
      )}
    </Section>
  );
}

function WeightsForm(props: { initial: Weights; onChanged: () => void }) {
  const id = useId();
  const send = useApiSend();
  const [weights, setWeights] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function put(override: object, done: string) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const answer = await send<StrengthWeightsShape>(
        'PUT',
        '/api/settings/connection-strength',
        override,
      );
      setWeights(answer.weights);
      setSaved(done);
      props.onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const number = (label: string, key: string, value: number, change: (n: number) => void) => (
    <div className="field" key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        step="any"
        min={0}
        value={Number.isFinite(value) ? value : ''}
        onChange={(event) => change(event.target.valueAsNumber)}
      />
    </div>
  );

  return (
    <form
      className="connect-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void put(weights, 'Weights saved.');
      }}
    >
      <fieldset>
        <legend>Points per interaction</legend>
        {pointLabels.map(([key, label]) =>
          number(label, key, weights.points[key], (value) =>
            setWeights({ ...weights, points: { ...weights.points, [key]: value } }),
          ),
        )}
      </fieldset>
      <fieldset>
        <legend>Recency, response time and thread depth</legend>
        {settingLabels.map(([key, label]) =>
          number(label, key, weights[key], (value) => setWeights({ ...weights, [key]: value })),
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save weights'}
        </button>
        <button type="button" disabled={busy} onClick={() => void put({}, 'Defaults restored.')}>
          Restore defaults
        </button>
      </div>
      <ErrorText message={error} />
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
    </form>
  );
}
