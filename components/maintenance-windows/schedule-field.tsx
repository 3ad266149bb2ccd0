'use client';

import { useQuery } from '@tanstack/react-query';
import { inZone } from './format';
import { schedulePreviewQuery } from './queries';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { timeAgo } from '@/components/lib/format';

export interface ScheduleValue {
  expression: string;
  timezone: string;
  offset: string;
}

const EXAMPLES = ['cron(0 2 ? * SUN *)', 'cron(30 23 ? * MON-FRI *)', 'rate(12 hours)', 'cron(0 3 ? * TUE#2 *)'];

/** The expression in words and its next five occurrences, as the server reads it, ~300 ms after typing stops. */
function SchedulePreview({ value }: { value: ScheduleValue }) {
  const settled = JSON.parse(useDebouncedValue(JSON.stringify(value), 300)) as ScheduleValue;
  const offset = /^[1-6]$/.test(settled.offset) ? settled.offset : '';
  const { data, error, isFetching } = useQuery(schedulePreviewQuery(settled.expression, settled.timezone, offset));
  const problem = error?.message ?? data?.error;
  if (value.expression.trim() === '') return <p className="text-sm text-slate-500">Type an expression to see when the window opens.</p>;
  return (
    <div role="status" aria-label="Schedule preview" className="rounded border border-slate-200 bg-slate-50/60 px-3 py-2 text-sm">
      {problem ? (
        <p className="text-red-700" data-testid="schedule-error">{problem}</p>
      ) : data?.description ? (
        <>
          <p className="font-medium text-slate-800">{`Opens ${data.description}`}</p>
          <ol aria-label="Next occurrences" className="mt-1 space-y-0.5 tabular-nums text-slate-700">
            {data.next?.map((iso) => (
              <li key={iso}>
                {inZone(iso, settled.timezone)} <span className="text-xs text-slate-500">{`(${timeAgo(iso)})`}</span>
              </li>
            ))}
          </ol>
          {data.next?.length === 0 && <p className="text-amber-800">It never opens again.</p>}
        </>
      ) : (
        <p className="text-slate-500">Reading the expression…</p>
      )}
      {isFetching && <p className="mt-1 text-xs text-slate-400">checking…</p>}
    </div>
  );
}

/** Schedule, time zone and offset, with what they mean beside them as the user types. */
export function ScheduleField({ value, onChange }: { value: ScheduleValue; onChange: (patch: Partial<ScheduleValue>) => void }) {
  const isCron = value.expression.trim().startsWith('cron(');
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div className="space-y-3">
        <Field label="Schedule" hint={<>cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss). For example: {EXAMPLES.map((example, index) => <span key={example}>{index > 0 && ', '}<button type="button" className="font-mono text-sky-700 hover:underline" onClick={() => onChange({ expression: example })}>{example}</button></span>)}</>}>
          <input className={`${inputClass} font-mono`} value={value.expression} onChange={(event) => onChange({ expression: event.target.value })} required maxLength={256} spellCheck={false} placeholder="cron(0 2 ? * SUN *)" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Time zone" hint="IANA name; UTC when empty.">
            <input className={inputClass} value={value.timezone} onChange={(event) => onChange({ timezone: event.target.value })} maxLength={64} placeholder="Europe/Berlin" list="mw-time-zones" />
          </Field>
          <Field label="Schedule offset" hint={isCron ? 'Days after each cron occurrence (1–6).' : 'Cron schedules only.'}>
            <input className={inputClass} type="number" min={1} max={6} value={value.offset} disabled={!isCron} onChange={(event) => onChange({ offset: event.target.value })} placeholder="none" />
          </Field>
        </div>
        <datalist id="mw-time-zones">
          {['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney'].map((zone) => <option key={zone} value={zone} />)}
        </datalist>
      </div>
      <SchedulePreview value={isCron ? value : { ...value, offset: '' }} />
    </div>
  );
}
