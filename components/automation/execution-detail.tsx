'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { executionHref, executionQuery, isTerminal, type Execution } from './queries';
import { AutomationStatusBadge } from './status-badge';
import { ExecutionActions } from './execution-actions';
import { StepTimeline } from './step-timeline';
import { ChildExecutions } from './child-executions';
import { RunbookGraphPanel } from './runbook-graph-panel';
import { elapsed, rateControlSummary } from './execution-text';
import { parseRunbook, runbookStepNames } from './runbook-content';
import { statusByStep } from './graph-geometry';
import { documentContentQuery, documentHref } from '@/components/documents/queries';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Section, linkClass } from '@/components/settings/ui';
import { ApiError } from '@/components/lib/api-client';
import { dateTime } from '@/components/lib/format';

/**
 * Steps done out of the runbook's top-level steps, each counted once by its latest run (a loop's
 * iterations and a step run again after a jump do not count twice).
 */
function stepCounts(execution: Execution) {
  const latest = statusByStep(execution.StepExecutions.filter((step) => !step.ParentStepDetails));
  const count = (...statuses: string[]) => [...latest.values()].filter((status) => statuses.includes(status)).length;
  const total = Math.max(execution.ProgressCounters.TotalSteps, latest.size);
  return { total, success: count('Success'), failed: count('Failed', 'TimedOut'), cancelled: count('Cancelled') };
}

function Progress({ execution }: { execution: Execution }) {
  const { total, success, failed, cancelled } = stepCounts(execution);
  const done = success + failed + cancelled;
  const percent = (count: number) => (total === 0 ? 0 : Math.min(100, (count / total) * 100));
  const rateControl = rateControlSummary(execution);
  const isLive = !isTerminal(execution.AutomationExecutionStatus);
  const facts: [string, React.ReactNode][] = [
    ['Runbook', <><Link href={documentHref(execution.DocumentName)} className={linkClass}>{execution.DocumentName}</Link>{` · version ${execution.DocumentVersion}`}</>],
    ['Executed by', execution.ExecutedBy],
    ['Started', dateTime(execution.ExecutionStartTime)],
    ['Ended', execution.ExecutionEndTime ? dateTime(execution.ExecutionEndTime) : isLive ? 'still running' : '—'],
    ['Duration', elapsed(execution.ExecutionStartTime, execution.ExecutionEndTime)],
    ['Mode', execution.Mode === 'Interactive' ? 'Manual (interactive)' : 'Simple (auto)'],
    ...(rateControl ? ([['Rate control', `${rateControl} · max concurrency ${execution.MaxConcurrency ?? '—'} · max errors ${execution.MaxErrors ?? '—'}`]] as [string, string][]) : []),
    ...(execution.ParentAutomationExecutionId ? ([['Parent execution', <Link key="parent" href={executionHref(execution.ParentAutomationExecutionId)} className={`${linkClass} font-mono`}>{execution.ParentAutomationExecutionId.slice(0, 8)}</Link>]] as [string, React.ReactNode][]) : []),
    ...(execution.Target ? ([['Target', <span key="target" className="font-mono">{execution.Target}</span>]] as [string, React.ReactNode][]) : []),
  ];
  const isParent = Boolean(execution.TargetParameterName && execution.Targets?.length);
  const targetCount = execution.ResolvedTargets?.ParameterValues.length ?? 0;
  return (
    <section aria-label="Progress" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        {isParent ? (
          // A rate-controlled parent runs no steps itself: its children below each run the runbook.
          <p className="text-sm text-slate-600">
            <span className="text-2xl font-semibold tabular-nums text-slate-900">{`${targetCount.toLocaleString('en')}${execution.ResolvedTargets?.Truncated ? '+' : ''}`}</span>
            {` target${targetCount === 1 ? '' : 's'}, one child execution each`}
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="execution-progress">{`${done}/${total}`}</span> steps done
            {failed > 0 && <span className="ml-2 font-medium text-red-700">{`${failed} failed`}</span>}
            {cancelled > 0 && <span className="ml-2 text-slate-500">{`${cancelled} cancelled`}</span>}
          </p>
        )}
        <p className="text-xs text-slate-500">{isLive ? 'Live: updates every second.' : `Finished ${dateTime(execution.ExecutionEndTime ?? null)}.`}</p>
      </div>
      {!isParent && (
        <div role="progressbar" aria-label="Steps done" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="mt-2 flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100">
          <div className="bg-emerald-500 transition-[width]" style={{ width: `${percent(success)}%` }} />
          <div className="bg-red-500 transition-[width]" style={{ width: `${percent(failed)}%` }} />
          <div className="bg-slate-400 transition-[width]" style={{ width: `${percent(cancelled)}%` }} />
        </div>
      )}
      {execution.FailureMessage && (
        <p role="alert" className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="execution-failure">{execution.FailureMessage}</p>
      )}
      <dl className="mt-4 grid gap-3 border-t border-slate-100 pt-3 text-sm md:grid-cols-3 xl:grid-cols-4">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-0.5 break-words text-slate-800">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Name → list of strings (AWS's Parameters and Outputs) as a definition list. */
function ValueList({ label, values, empty }: { label: string; values: Record<string, string[]>; empty: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">{empty}</p>;
  return (
    <dl aria-label={label} className="divide-y divide-slate-100 text-sm">
      {entries.map(([name, list]) => (
        <div key={name} className="grid gap-2 px-5 py-2 md:grid-cols-[minmax(10rem,1fr)_3fr]">
          <dt className="font-mono text-xs text-slate-600">{name}</dt>
          <dd className="whitespace-pre-wrap break-words font-mono text-xs text-slate-900">{list.join('\n') || '(empty)'}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One execution: header and counters, the runbook graph lit by step status beside a live step
 * timeline (with Approve/Reject, Resume and StartStep where a step waits), the children of a
 * rate-controlled run, and the runbook's outputs. Asked again every second until it ends.
 */
export function ExecutionDetail({ executionId }: { executionId: string }) {
  const { data, error, isPending } = useQuery(executionQuery(executionId));
  // The runbook as that version has it, for the graph; a deleted document only loses the graph.
  const content = useQuery({ ...documentContentQuery(data?.DocumentName ?? '', data?.DocumentVersion ?? ''), enabled: Boolean(data) });

  const runbookSteps = useMemo(() => (content.data ? runbookStepNames(parseRunbook(content.data.Content).document) : []), [content.data]);

  if (!data) {
    const isMissing = error instanceof ApiError && (error.status === 404 || error.status === 400 || error.code === 'AutomationExecutionNotFoundException');
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="execution" name={executionId} listHref="/automation" listName="Automation executions" />;
  }
  const isParent = Boolean(data.TargetParameterName && data.Targets?.length);

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/automation"
        backLabel="Automation"
        title={<>{`Execution ${data.AutomationExecutionId.slice(0, 8)}`} <span data-testid="execution-status"><AutomationStatusBadge status={data.AutomationExecutionStatus} /></span></>}
        summary={<>{`${data.DocumentName} version ${data.DocumentVersion} · executed by ${data.ExecutedBy} · started ${dateTime(data.ExecutionStartTime)}`}</>}
        actions={<ExecutionActions execution={data} />}
      />
      <Progress execution={data} />
      {isParent && <ChildExecutions parentId={data.AutomationExecutionId} isLive={!isTerminal(data.AutomationExecutionStatus)} />}
      {isParent ? (
        // A rate-controlled execution runs its steps in its children; the graph shows what each runs.
        <RunbookGraphPanel content={content.data?.Content} error={content.error} isPending={content.isPending} emptyText="The runbook's content is not available." />
      ) : (
        <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
          <StepTimeline execution={data} runbookSteps={runbookSteps} />
          <div className="xl:sticky xl:top-4 xl:self-start">
            <RunbookGraphPanel content={content.data?.Content} error={content.error} isPending={content.isPending} steps={data.StepExecutions} emptyText="The runbook's content is not available." />
          </div>
        </div>
      )}
      <div className="grid gap-5 lg:grid-cols-2">
        <Section title="Outputs" description="The runbook's declared outputs, as it ended.">
          <ValueList label="Outputs" values={data.Outputs} empty={isTerminal(data.AutomationExecutionStatus) ? 'This runbook declares no outputs, or none were produced.' : 'Outputs appear when the execution ends.'} />
        </Section>
        <Section title="Input parameters" description="As given when it started (secure values stay references).">
          <ValueList label="Input parameters" values={data.Parameters} empty="No parameters were given." />
        </Section>
      </div>
    </div>
  );
}
