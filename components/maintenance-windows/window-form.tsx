'use client';

import { useState, type FormEvent } from 'react';
import { ScheduleField, type ScheduleValue } from './schedule-field';
import { useCreateWindow, useUpdateWindow, type WindowSettings, type WindowWithParts } from './queries';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

type ExistingWindow = WindowWithParts['window'];

/** `<input type="datetime-local">` speaks the browser's local time; the API speaks instants. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (text: string) => (text ? new Date(text).toISOString() : undefined);
const splitNames = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function initialState(window?: ExistingWindow) {
  return {
    name: window?.Name ?? '',
    description: window?.Description ?? '',
    schedule: { expression: window?.Schedule ?? 'cron(0 2 ? * SUN *)', timezone: window?.ScheduleTimezone ?? '', offset: window?.ScheduleOffset ? String(window.ScheduleOffset) : '' } as ScheduleValue,
    duration: String(window?.Duration ?? 3),
    cutoff: String(window?.Cutoff ?? 1),
    startDate: toLocalInput(window?.StartDate),
    endDate: toLocalInput(window?.EndDate),
    isEnabled: window?.Enabled ?? true,
    allowUnassociatedTargets: window?.AllowUnassociatedTargets ?? false,
    calendarNames: window?.CalendarNames.join(', ') ?? '',
  };
}

type FormState = ReturnType<typeof initialState>;

function settingsOf(state: FormState): WindowSettings & { enabled: boolean } {
  const isCron = state.schedule.expression.trim().startsWith('cron(');
  return {
    name: state.name.trim(),
    description: state.description || undefined,
    schedule: state.schedule.expression.trim(),
    scheduleTimezone: state.schedule.timezone.trim() || undefined,
    scheduleOffset: isCron && state.schedule.offset ? Number(state.schedule.offset) : undefined,
    duration: Number(state.duration),
    cutoff: Number(state.cutoff),
    startDate: fromLocalInput(state.startDate),
    endDate: fromLocalInput(state.endDate),
    enabled: state.isEnabled,
    allowUnassociatedTargets: state.allowUnassociatedTargets,
    calendarNames: splitNames(state.calendarNames),
  };
}

function Checkbox({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex gap-2 text-sm">
      <input type="checkbox" className="mt-0.5 accent-sky-600" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>
        <span className="block font-medium">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

/** Creates a window (no `window`) or edits one; the server checks everything again and names what is wrong. */
export function WindowForm({ window, onDone, onCancel }: { window?: ExistingWindow; onDone: (windowId: string) => void; onCancel: () => void }) {
  const create = useCreateWindow();
  const update = useUpdateWindow(window?.WindowId ?? '');
  const mutation = window ? update : create;
  const [state, setState] = useState(() => initialState(window));
  const patch = (change: Partial<FormState>) => setState((current) => ({ ...current, ...change }));
  const opensFor = Number(state.duration) - Number(state.cutoff);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const settings = settingsOf(state);
    if (window) update.mutate(settings, { onSuccess: () => onDone(window.WindowId) });
    else create.mutate(settings, { onSuccess: (created) => onDone(created.windowId) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label={window ? `Edit maintenance window ${window.Name}` : 'Create maintenance window'} className="space-y-5 p-5">
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Name" hint="3–128 letters, digits and . _ -">
          <input className={inputClass} value={state.name} onChange={(event) => patch({ name: event.target.value })} required maxLength={128} autoComplete="off" placeholder="sunday-patching" />
        </Field>
        <Field label="Description" className="md:col-span-2">
          <input className={inputClass} value={state.description} onChange={(event) => patch({ description: event.target.value })} maxLength={128} placeholder="optional" />
        </Field>
      </div>
      <ScheduleField value={state.schedule} onChange={(change) => patch({ schedule: { ...state.schedule, ...change } })} />
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Duration (hours)" hint="How long the window stays open: 1–24.">
          <input className={inputClass} type="number" min={1} max={24} value={state.duration} onChange={(event) => patch({ duration: event.target.value })} required />
        </Field>
        <Field label="Cutoff (hours)" hint={opensFor > 0 ? `No new task starts in the last ${state.cutoff || 0} h: tasks may start for ${opensFor} h.` : 'Hours before the end when no new task starts; less than the duration.'}>
          <input className={inputClass} type="number" min={0} max={23} value={state.cutoff} onChange={(event) => patch({ cutoff: event.target.value })} required />
        </Field>
        <Field label="Start date" hint="Not before this; optional.">
          <input className={inputClass} type="datetime-local" value={state.startDate} onChange={(event) => patch({ startDate: event.target.value })} />
        </Field>
        <Field label="End date" hint="Never after this; optional.">
          <input className={inputClass} type="datetime-local" value={state.endDate} onChange={(event) => patch({ endDate: event.target.value })} />
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Checkbox label="Enabled" hint="A disabled window keeps its targets and tasks but never opens." checked={state.isEnabled} onChange={(isEnabled) => patch({ isEnabled })} />
        <Checkbox label="Allow unregistered targets" hint="Tasks may name node ids directly, not only the window's registered targets." checked={state.allowUnassociatedTargets} onChange={(allowUnassociatedTargets) => patch({ allowUnassociatedTargets })} />
        <Field label="Change calendars" hint="Runs only while every calendar named is OPEN; a CLOSED one skips the run and says why.">
          <input className={inputClass} value={state.calendarNames} onChange={(event) => patch({ calendarNames: event.target.value })} placeholder="optional, comma-separated" />
        </Field>
      </div>
      {mutation.error && <ErrorNotice error={mutation.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : window ? 'Save changes' : 'Create window'}
        </button>
      </div>
    </form>
  );
}
