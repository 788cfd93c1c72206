import { useState, type FormEvent } from 'react';
import type { HolidayView, WorkingHoursView } from '../../../../src/api-shapes/teams';
import { errorMessage } from '../../api';
import { ErrorText } from '../../components/ui';
import { useApiSend, useResource } from '../../use-resource';
import type { Choices } from './ConditionRow';
import { SelectField, TextField } from './form-fields';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const dayOptions = weekdays.map((label, index) => [String(index + 1), label] as const);

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Everyone's working week as business hours count it (Monday to Friday, 9 to 17 UTC unless set). */
const describe = (hours: WorkingHoursView | undefined) =>
  hours
    ? `${hours.days.map((d) => weekdays[d - 1]).join(' ')} ${clock(hours.startMinute)}–${clock(hours.endMinute)} ${hours.timeZone}`
    : 'Mon Tue Wed Thu Fri 09:00–17:00 UTC (not set)';

/** Each user's working hours and time zone, which business-hour triggers and due dates count in. */
export function WorkingHoursPanel({ people }: { people: Choices['people'] }) {
  const hours = useResource<WorkingHoursView[]>('/api/working-hours');
  const send = useApiSend();
  const [userId, setUserId] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Berlin');
  const [days, setDays] = useState('1, 2, 3, 4, 5');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!userId) problems.user = 'Choose a user';
    if (!timeZone.trim()) problems.timeZone = 'Give a time zone, such as Europe/Berlin';
    if (minuteOf(end) <= minuteOf(start)) problems.end = 'Working hours must end after they start';
    setErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    try {
      await send('PUT', `/api/working-hours/${userId}`, {
        timeZone: timeZone.trim(),
        days: days.split(',').map(Number).filter(Boolean),
        startMinute: minuteOf(start),
        endMinute: minuteOf(end),
      });
      hours.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <section aria-label="Working hours" className="panel">
      <h2>Working hours</h2>
      <ul aria-label="Everyone’s working hours">
        {people.map(([id, name]) => (
          <li key={id}>
            {name}: {describe(hours.data?.find((h) => h.userId === id))}
          </li>
        ))}
      </ul>
      <form className="connect-form" noValidate onSubmit={(event) => void save(event)}>
        <SelectField
          label="User"
          name="Working hours of"
          value={userId}
          options={[['', '(choose)'], ...people]}
          error={errors.user}
          onChange={setUserId}
        />
        <TextField
          label="Time zone"
          value={timeZone}
          error={errors.timeZone}
          onChange={setTimeZone}
        />
        <SelectField label="Days" multiple value={days} options={dayOptions} onChange={setDays} />
        <TextField label="Starts" type="time" value={start} onChange={setStart} />
        <TextField label="Ends" type="time" value={end} error={errors.end} onChange={setEnd} />
        <ErrorText message={hours.error ?? error} />
        <button type="submit">Set working hours</button>
      </form>
    </section>
  );
}

/** The organisation's holidays: no business hour counts on them. */
export function HolidaysPanel() {
  const holidays = useResource<HolidayView[]>('/api/holidays');
  const send = useApiSend();
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [dayError, setDayError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      holidays.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    setDayError(day ? undefined : 'Choose a day');
    if (day) void act(() => send('PUT', `/api/holidays/${day}`, { name }));
  };
  return (
    <section aria-label="Holidays" className="panel">
      <h2>Holidays</h2>
      <ul aria-label="Holiday list">
        {(holidays.data ?? []).map((h) => (
          <li key={h.day}>
            {h.day} {h.name}{' '}
            <button
              type="button"
              onClick={() => void act(() => send('DELETE', `/api/holidays/${h.day}`))}
            >
              Remove {h.day}
            </button>
          </li>
        ))}
      </ul>
      <form className="connect-form" noValidate onSubmit={add}>
        <TextField label="Day" type="date" value={day} error={dayError} onChange={setDay} />
        <TextField label="Holiday name" value={name} onChange={setName} />
        <ErrorText message={holidays.error ?? error} />
        <button type="submit">Add holiday</button>
      </form>
    </section>
  );
}
