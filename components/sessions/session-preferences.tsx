'use client';

import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Field } from '@/components/settings/field';
import { Section, inputClass } from '@/components/settings/ui';
import { sizedInputClass } from '@/components/run-command/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { LIMITS, draftOf, newRunAsRow, preferencesOf, type PreferencesDraft } from './preferences-draft';
import { sessionPreferencesQuery, useUpdateSessionPreferences, type SessionPreferences } from './queries';

function FieldError({ message }: { message?: string }) {
  return message ? <p role="alert" className="mt-1 text-xs text-red-700">{message}</p> : null;
}

function NumberField({ label, hint, value, error, onChange }: { label: string; hint: ReactNode; value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <div>
      <Field label={label} hint={hint}>
        <input className={`${sizedInputClass} w-40`} inputMode="decimal" value={value} aria-invalid={Boolean(error)} onChange={(event) => onChange(event.target.value)} />
      </Field>
      <FieldError message={error} />
    </div>
  );
}

function RunAsRows({ rows, errors, onChange }: { rows: PreferencesDraft['runAsRows']; errors: Partial<Record<string, string>>; onChange: (rows: PreferencesDraft['runAsRows']) => void }) {
  const update = (id: number, patch: Partial<PreferencesDraft['runAsRows'][number]>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <div className="space-y-2 text-sm">
      <p className="font-medium">Run as, per console user</p>
      <p className="text-xs text-slate-500">Sessions of these users run as the OS user beside them instead of the default.</p>
      {rows.map((row, index) => (
        <div key={row.id}>
          <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-center gap-2">
            <input className={inputClass} aria-label={`Console user ${index + 1}`} placeholder="alice" value={row.user} onChange={(event) => update(row.id, { user: event.target.value })} autoComplete="off" />
            <input className={`${inputClass} font-mono`} aria-label={`OS user for console user ${index + 1}`} placeholder="deploy" value={row.osUser} onChange={(event) => update(row.id, { osUser: event.target.value })} autoComplete="off" spellCheck={false} />
            <button type="button" className={buttonStyles.secondary} aria-label={`Remove mapping ${index + 1}`} onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}>Remove</button>
          </div>
          <FieldError message={errors[`runAs-${row.id}`]} />
        </div>
      ))}
      <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...rows, newRunAsRow()])}>Add mapping</button>
    </div>
  );
}

function PreferencesForm({ saved }: { saved: SessionPreferences }) {
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const update = useUpdateSessionPreferences();
  const set = (patch: Partial<PreferencesDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    update.reset();
  };
  const upTo = (field: keyof typeof LIMITS, unit: string) => `Up to ${LIMITS[field].max.toLocaleString('en')} ${unit}`;

  return (
    <form
      aria-label="Session preferences"
      className="space-y-6 p-5"
      onSubmit={(event) => {
        event.preventDefault();
        const result = preferencesOf(draft);
        if ('errors' in result) return setErrors(result.errors);
        setErrors({});
        update.mutate(result.preferences, { onSuccess: (next) => setDraft(draftOf(next)) });
      }}
    >
      <div className="grid gap-5 md:grid-cols-2">
        <NumberField label="Idle timeout (minutes)" hint={`A session with no input and no output for this long ends; the user is warned first. ${upTo('idleTimeoutMinutes', 'minutes')}.`} value={draft.idleTimeoutMinutes} error={errors.idleTimeoutMinutes} onChange={(idleTimeoutMinutes) => set({ idleTimeoutMinutes })} />
        <NumberField label="Maximum session duration (minutes)" hint={`Ends a session this long after it started, active or not. 0 for no limit; ${upTo('maxDurationMinutes', 'minutes').toLowerCase()} (a day).`} value={draft.maxDurationMinutes} error={errors.maxDurationMinutes} onChange={(maxDurationMinutes) => set({ maxDurationMinutes })} />
        <NumberField label="Grace period (minutes)" hint={`After a browser closes or loses its connection, the shell keeps running this long, to be resumed. ${upTo('gracePeriodMinutes', 'minutes')}.`} value={draft.gracePeriodMinutes} error={errors.gracePeriodMinutes} onChange={(gracePeriodMinutes) => set({ gracePeriodMinutes })} />
        <NumberField label="Recording retention (days)" hint={`Recordings older than this are deleted, counted from the session's end. 1–${LIMITS.recordingRetentionDays.max.toLocaleString('en')} days. Recording itself cannot be turned off.`} value={draft.recordingRetentionDays} error={errors.recordingRetentionDays} onChange={(recordingRetentionDays) => set({ recordingRetentionDays })} />
      </div>
      <div className="max-w-md">
        <Field label="Default run-as OS user" hint="The unprivileged user the agent creates for sessions, like AWS's ssm-user.">
          <input className={`${inputClass} font-mono`} value={draft.defaultRunAs} aria-invalid={Boolean(errors.defaultRunAs)} onChange={(event) => set({ defaultRunAs: event.target.value })} spellCheck={false} />
        </Field>
        <FieldError message={errors.defaultRunAs} />
      </div>
      <div className="max-w-2xl">
        <RunAsRows rows={draft.runAsRows} errors={errors} onChange={(runAsRows) => set({ runAsRows })} />
      </div>
      <div className="max-w-2xl">
        <Field label="Shell profile" hint="Commands run at the start of every session, before the first prompt (for example, cd to a work folder or set PS1).">
          <textarea className={`${inputClass} h-28 font-mono`} value={draft.shellProfile} onChange={(event) => set({ shellProfile: event.target.value })} spellCheck={false} />
        </Field>
      </div>
      {update.error && <ErrorNotice error={update.error} />}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={update.isPending}>{update.isPending ? 'Saving…' : 'Save preferences'}</button>
        {update.isSuccess && <span role="status" className="text-sm text-emerald-700">Saved. New sessions use these preferences.</span>}
      </div>
    </form>
  );
}

/** Settings › Session Manager: timeouts, run-as users, the shell profile and recording retention. */
export function SessionPreferences() {
  const { data, error, isPending } = useQuery(sessionPreferencesQuery());
  return (
    <Section title="Session Manager preferences" description="For every session on every node. Sessions already running keep the preferences they started with.">
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading preferences…</p>}
      {data && <PreferencesForm saved={data} />}
    </Section>
  );
}
