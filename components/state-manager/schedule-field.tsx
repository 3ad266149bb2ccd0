'use client';

import { useQuery } from '@tanstack/react-query';
import { schedulePreviewQuery } from './queries';
import type { AssociationFormState, ScheduleMode } from './form-state';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { dateTime, timeAgo } from '@/components/lib/format';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

type ScheduleState = Pick<AssociationFormState, 'scheduleMode' | 'expressions' | 'scheduleOffset' | 'applyOnlyAtCronInterval'>;

const MODES: Choice<ScheduleMode>[] = [
  { value: 'none', title: 'No schedule', description: 'Runs once, when saved; apply it again by hand.' },
  { value: 'rate', title: 'Rate', description: 'Every so many minutes, hours or days.' },
  { value: 'cron', title: 'Cron', description: 'At set times, in UTC, as AWS cron reads them.' },
];

const HINTS: Record<Exclude<ScheduleMode, 'none'>, string> = {
  rate: 'rate(value unit): rate(30 minutes), rate(1 hour), rate(7 days). A rate counts from when the association is saved.',
  cron: 'cron(minutes hours day-of-month month day-of-week year), six fields with ? in one of the day fields: cron(0 2 ? * SUN *) is 02:00 UTC every Sunday.',
};

/** The schedule in words and its next five runs, as the server reads the expression, ~300 ms after typing stops. */
function SchedulePreview({ expression, offset }: { expression: string; offset: string }) {
  const settled = JSON.parse(useDebouncedValue(JSON.stringify([expression, offset]), 300)) as [string, string];
  const isSettled = settled[0] === expression && settled[1] === offset;
  const { data, error, isFetching } = useQuery({ ...schedulePreviewQuery(settled[0], /^[1-6]$/.test(settled[1]) ? settled[1] : ''), enabled: settled[0] !== '' });
  const problem = error?.message ?? data?.error;
  return (
    <div role="status" aria-label="Schedule preview" className="rounded border border-slate-200 bg-slate-50/60 px-3 py-2 text-sm">
      {expression === '' ? (
        <p className="text-slate-500">Type an expression to see when it runs.</p>
      ) : problem ? (
        <p className="text-red-700" data-testid="schedule-error">{problem}</p>
      ) : data?.description ? (
        <>
          <p className="font-medium text-slate-800" data-testid="schedule-description">{`Runs ${data.description}`}</p>
          <p className="mt-2 text-xs font-medium uppercase tracking-wide text-slate-500">{`Next ${data.next?.length ?? 0} runs`}</p>
          <ol aria-label="Next runs" className="mt-1 space-y-0.5 tabular-nums text-slate-700">
            {data.next?.map((iso) => (
              <li key={iso}>{`${dateTime(iso)} `}<span className="text-xs text-slate-500">{`(${timeAgo(iso)})`}</span></li>
            ))}
          </ol>
          {data.next?.length === 0 && <p className="text-amber-800">It never runs again.</p>}
        </>
      ) : (
        <p className="text-slate-500">Reading the expression…</p>
      )}
      {(isFetching || !isSettled) && expression !== '' && <p className="mt-1 text-xs text-slate-400">checking…</p>}
    </div>
  );
}

/**
 * None / rate / cron, a free text expression with its reading in words and next five runs as you
 * type, and the cron-only options (offset, ApplyOnlyAtCronInterval).
 */
export function ScheduleField({ value, onChange }: { value: ScheduleState; onChange: (patch: Partial<ScheduleState>) => void }) {
  const mode = value.scheduleMode;
  return (
    <div className="space-y-4">
      <ChoiceCards name="schedule-mode" label="Schedule" choices={MODES} value={mode} columns={3} onChange={(scheduleMode) => onChange({ scheduleMode })} />
      {mode !== 'none' && (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-4">
            <Field label="Schedule expression" hint={HINTS[mode]}>
              <input
                className={`${inputClass} font-mono`}
                value={value.expressions[mode]}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => onChange({ expressions: { ...value.expressions, [mode]: event.target.value } })}
              />
            </Field>
            {mode === 'cron' && (
              <>
                <Field label="Schedule offset (days)" hint="Optional: run this many days (1 to 6) after each cron time, such as the Sunday after Patch Tuesday.">
                  <input type="number" min={1} max={6} step={1} className={`${inputClass} w-32`} value={value.scheduleOffset} placeholder="none" onChange={(event) => onChange({ scheduleOffset: event.target.value })} />
                </Field>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-0.5 accent-sky-600" checked={value.applyOnlyAtCronInterval} onChange={(event) => onChange({ applyOnlyAtCronInterval: event.target.checked })} />
                  <span>
                    <span className="block font-medium">Apply only at the next cron time</span>
                    <span className="block text-xs text-slate-500">Do not run right after saving; wait for the first scheduled time (AWS&apos;s ApplyOnlyAtCronInterval).</span>
                  </span>
                </label>
              </>
            )}
          </div>
          <SchedulePreview expression={value.expressions[mode].trim()} offset={mode === 'cron' ? value.scheduleOffset.trim() : ''} />
        </div>
      )}
    </div>
  );
}
