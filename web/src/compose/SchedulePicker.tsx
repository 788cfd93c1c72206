import { useState } from 'react';
import type { Draft } from './draft';

/** The browser's own zone: the sender's, for "my time". */
export const senderTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const zones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** Send now, or at a date and time read in the sender's or the recipient's time zone. */
export function SchedulePicker(props: {
  schedule: Draft['schedule'];
  onChange: (schedule: Draft['schedule']) => void;
}) {
  const mine = senderTimeZone();
  const schedule = props.schedule;
  const [whose, setWhose] = useState<'mine' | 'recipient'>('mine');
  return (
    <fieldset>
      <legend>When</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={schedule !== null}
          onChange={(event) =>
            props.onChange(event.target.checked ? { localTime: '', timeZone: mine } : null)
          }
        />
        Send later
      </label>
      {schedule ? (
        <>
          <label className="field">
            Date and time
            <input
              type="datetime-local"
              value={schedule.localTime}
              onChange={(event) => props.onChange({ ...schedule, localTime: event.target.value })}
            />
          </label>
          <label className="field">
            In the time zone of
            <select
              value={whose}
              onChange={(event) => {
                const next = event.target.value === 'recipient' ? 'recipient' : 'mine';
                setWhose(next);
                if (next === 'mine') props.onChange({ ...schedule, timeZone: mine });
              }}
            >
              <option value="mine">Me ({mine})</option>
              <option value="recipient">The recipient</option>
            </select>
          </label>
          {whose === 'recipient' ? (
            <label className="field">
              Recipient’s time zone
              <select
                value={schedule.timeZone}
                onChange={(event) => props.onChange({ ...schedule, timeZone: event.target.value })}
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
