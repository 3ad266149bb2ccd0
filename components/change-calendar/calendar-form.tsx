'use client';

import { useState, type FormEvent } from 'react';
import { useCreateCalendar } from './queries';
import { viewerTimeZone } from './format';
import { TimeZoneInput } from './time-zone-input';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

const TYPES = [
  { value: 'DEFAULT_OPEN', label: 'Open by default', hint: 'Changes may run except during events: events are freezes.' },
  { value: 'DEFAULT_CLOSED', label: 'Closed by default', hint: 'Changes are blocked except during events: events are change windows.' },
] as const;

/** Creates a calendar: a name, whether it is open or closed by default, and its all-day time zone. */
export function CalendarForm({ onDone, onCancel }: { onDone: (name: string) => void; onCancel: () => void }) {
  const create = useCreateCalendar();
  const [name, setName] = useState('');
  const [calendarType, setCalendarType] = useState<'DEFAULT_OPEN' | 'DEFAULT_CLOSED'>('DEFAULT_OPEN');
  const [description, setDescription] = useState('');
  const [timeZone, setTimeZone] = useState(viewerTimeZone);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), calendarType, description: description.trim() || undefined, timeZone: timeZone.trim() || undefined },
      { onSuccess: (created) => onDone(created.Name) },
    );
  };

  return (
    <form aria-label="Create calendar" onSubmit={handleSubmit} className="space-y-4 p-5">
      <Field label="Name" hint="3 to 128 letters, digits and _ - . — the name schedules and the API use, e.g. prod-freeze.">
        <input className={`${inputClass} max-w-md font-mono`} value={name} onChange={(event) => setName(event.target.value)} required autoComplete="off" spellCheck={false} />
      </Field>
      <fieldset className="text-sm">
        <legend className="mb-1 font-medium">Calendar type</legend>
        <div className="grid max-w-2xl gap-2 sm:grid-cols-2">
          {TYPES.map((type) => (
            <label key={type.value} className={`flex cursor-pointer gap-2 rounded border px-3 py-2 ${calendarType === type.value ? 'border-sky-500 bg-sky-50' : 'border-slate-300'}`}>
              <input type="radio" name="calendar-type" value={type.value} checked={calendarType === type.value} onChange={() => setCalendarType(type.value)} className="mt-1" />
              <span>
                <span className="block font-medium">{type.label}</span>
                <span className="block text-xs text-slate-600">{type.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Description" hint="Optional: what the calendar guards, for those who find it on a maintenance window.">
        <input className={`${inputClass} max-w-2xl`} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={1024} />
      </Field>
      <Field label="Time zone for all-day events" hint="All-day events (holidays) begin and end at midnight here. Timed events carry their own zone.">
        <TimeZoneInput value={timeZone} onChange={setTimeZone} />
      </Field>
      {create.error && <ErrorNotice error={create.error} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create calendar'}</button>
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
