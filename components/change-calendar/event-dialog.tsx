'use client';

import { useState } from 'react';
import { useAddEvent, type CalendarDetail } from './queries';
import { viewerTimeZone } from './format';
import { TimeZoneInput } from './time-zone-input';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ModalForm } from '@/components/ui/modal-form';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

const REPEATS = [
  { value: 'none', label: 'Does not repeat' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
] as const;
type Repeat = (typeof REPEATS)[number]['value'];

/** `2026-12-01T14:00`, the value a datetime-local input takes, `hours` from now on the hour. */
function localInputValue(hours: number): string {
  const date = new Date();
  date.setMinutes(0, 0, 0);
  date.setHours(date.getHours() + hours);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Adds an event: a title, when, in which zone, and whether it repeats. */
export function EventDialog({ calendar, onClose }: { calendar: CalendarDetail; onClose: () => void }) {
  const add = useAddEvent(calendar.name);
  const [summary, setSummary] = useState('');
  const [isAllDay, setIsAllDay] = useState(false);
  const [start, setStart] = useState(() => localInputValue(1));
  const [end, setEnd] = useState(() => localInputValue(3));
  const [timeZone, setTimeZone] = useState(viewerTimeZone);
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [repeatUntil, setRepeatUntil] = useState('');
  const effect = calendar.calendarType === 'DEFAULT_CLOSED' ? 'opens the calendar (a change window)' : 'closes the calendar (a freeze)';

  const handleAllDay = (checked: boolean) => {
    setIsAllDay(checked);
    setStart((value) => (checked ? value.slice(0, 10) : `${value.slice(0, 10)}T09:00`));
    setEnd((value) => (checked ? value.slice(0, 10) : `${value.slice(0, 10)}T17:00`));
  };

  const handleSubmit = () =>
    add.mutate(
      { summary, start, end, timeZone: isAllDay ? 'UTC' : timeZone.trim(), isAllDay, repeat, repeatUntil: repeat === 'none' ? undefined : repeatUntil || undefined },
      { onSuccess: onClose },
    );

  return (
    <ModalForm title="Add event" description={`While it lasts, the event ${effect}.`} isWide onSubmit={handleSubmit} onCancel={onClose}>
      <Field label="Title">
        <input className={inputClass} value={summary} onChange={(event) => setSummary(event.target.value)} required maxLength={256} autoFocus />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={isAllDay} onChange={(event) => handleAllDay(event.target.checked)} />
        All day
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={isAllDay ? 'First day' : 'Start'}>
          <input type={isAllDay ? 'date' : 'datetime-local'} className={inputClass} value={start} onChange={(event) => setStart(event.target.value)} required />
        </Field>
        <Field label={isAllDay ? 'Last day' : 'End'}>
          <input type={isAllDay ? 'date' : 'datetime-local'} className={inputClass} value={end} onChange={(event) => setEnd(event.target.value)} required />
        </Field>
      </div>
      {isAllDay ? (
        <p className="text-xs text-slate-500">{`All-day events run from midnight to midnight in the calendar's time zone, ${calendar.timeZone}.`}</p>
      ) : (
        <Field label="Time zone" hint="Start and end are wall-clock times here; a repeating event keeps its local time across daylight-saving changes.">
          <TimeZoneInput value={timeZone} onChange={setTimeZone} />
        </Field>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Repeat">
          <select className={inputClass} value={repeat} onChange={(event) => setRepeat(event.target.value as Repeat)}>
            {REPEATS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </Field>
        {repeat !== 'none' && (
          <Field label="Repeat until" hint="The last day of the series; empty repeats forever.">
            <input type="date" className={inputClass} value={repeatUntil} onChange={(event) => setRepeatUntil(event.target.value)} />
          </Field>
        )}
      </div>
      {add.error && <ErrorNotice error={add.error} />}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={add.isPending}>{add.isPending ? 'Adding…' : 'Add event'}</button>
      </div>
    </ModalForm>
  );
}
