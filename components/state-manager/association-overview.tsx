import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Association } from './queries';
import { scheduleInWords, targetsInWords } from './association-text';
import { AssociationStatusBadge, StatusCounts } from './status-chips';
import { documentHref } from '@/components/documents/queries';
import { linkClass } from '@/components/settings/ui';
import { dateTime, timeAgo } from '@/components/lib/format';

function Fact({ label, children, isWide = false }: { label: string; children: ReactNode; isWide?: boolean }) {
  return (
    <div className={isWide ? 'md:col-span-2' : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-800">{children}</dd>
    </div>
  );
}

const parameterLines = (parameters: Record<string, string[]>) => Object.entries(parameters).map(([name, values]) => `${name}: ${values.join('\n  ')}`).join('\n');

/** The association's state and settings: latest status and node counts, the schedule in words with its next runs, and what it applies where. */
export function AssociationOverview({ association }: { association: Association }) {
  const { Overview: overview } = association;
  const parameters = parameterLines(association.Parameters);
  return (
    <section aria-label="Overview" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-slate-600">Latest run</span>
          <span data-testid="association-status"><AssociationStatusBadge status={overview.Status} details={overview.DetailedStatus} /></span>
          <StatusCounts counts={overview.AssociationStatusAggregatedCount} />
        </div>
        <p className="text-xs text-slate-500">Live: refreshes every few seconds.</p>
      </div>
      <div className="mt-4 grid gap-5 border-t border-slate-100 pt-4 lg:grid-cols-[minmax(0,2fr)_minmax(16rem,1fr)]">
        <dl className="grid gap-3 text-sm md:grid-cols-3">
          <Fact label="Document"><Link href={documentHref(association.Name)} className={linkClass}>{association.Name}</Link>{` · version ${association.DocumentVersion}`}</Fact>
          <Fact label="Targets" isWide>{targetsInWords(association.Targets)}</Fact>
          <Fact label="Schedule" isWide>
            <span data-testid="association-schedule">{scheduleInWords(association)}</span>
            {association.ScheduleExpression && <span className="ml-2 font-mono text-xs text-slate-500">{association.ScheduleExpression}</span>}
            {association.ApplyOnlyAtCronInterval && <span className="block text-xs text-slate-500">Applies only at cron times, not when saved.</span>}
          </Fact>
          <Fact label="Last run">{association.LastExecutionDate ? <span title={dateTime(association.LastExecutionDate)}>{timeAgo(association.LastExecutionDate)}</span> : 'not yet'}</Fact>
          <Fact label="Last success">{association.LastSuccessfulExecutionDate ? <span title={dateTime(association.LastSuccessfulExecutionDate)}>{timeAgo(association.LastSuccessfulExecutionDate)}</span> : 'never'}</Fact>
          <Fact label="Rate">{`${association.MaxConcurrency} at once · stop after ${association.MaxErrors} errors`}</Fact>
          <Fact label="Compliance severity">{association.ComplianceSeverity.charAt(0) + association.ComplianceSeverity.slice(1).toLowerCase()}</Fact>
          <Fact label="Change calendars">{association.CalendarNames.length > 0 ? association.CalendarNames.join(', ') : 'none'}</Fact>
          {association.AutomationTargetParameterName && <Fact label="Target parameter"><span className="font-mono text-xs">{association.AutomationTargetParameterName}</span></Fact>}
          <Fact label="Created">{`${dateTime(association.Date)} by ${association.CreatedBy}`}</Fact>
          <Fact label="Parameters" isWide>
            {parameters ? <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-700">{parameters}</pre> : 'none'}
          </Fact>
        </dl>
        <div className="self-start rounded border border-slate-200 bg-slate-50/60 px-3 py-2 text-sm">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Next runs</p>
          {association.NextExecutionDates.length > 0 ? (
            <ol aria-label="Next runs" className="mt-1 space-y-0.5 tabular-nums text-slate-700">
              {association.NextExecutionDates.map((iso) => <li key={iso}>{`${dateTime(iso)} `}<span className="text-xs text-slate-500">{`(${timeAgo(iso)})`}</span></li>)}
            </ol>
          ) : (
            <p className="mt-1 text-slate-600">{association.ScheduleExpression ? 'None: the schedule has no further times.' : 'None scheduled. It runs again when you apply it now, when it is edited, or on a new target node.'}</p>
          )}
        </div>
      </div>
    </section>
  );
}
