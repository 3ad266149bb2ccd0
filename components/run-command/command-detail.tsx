'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { commandDetailQuery, commandKeys, isCommandDone } from './queries';
import { CommandActions } from './command-actions';
import { CommandStatusBadge, statusLabel } from './status-badge';
import { ProgressBar } from './progress-bar';
import { ResultsTable } from './results-table';
import { ResultGroups } from './result-groups';
import { OutputStore } from './output-store';
import { targetsSummary } from './command-text';
import { useCommandSocket } from './use-command-socket';
import { useThrottledInvalidate } from '../lib/use-throttled-invalidate';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Section } from '@/components/settings/ui';
import { ApiError } from '@/components/lib/api-client';
import { dateTime } from '@/components/lib/format';

type ResultsView = 'nodes' | 'groups';

/**
 * One command: status, progress and counts, Cancel and "Rerun on failed targets", then the
 * per-node results (or identical outputs grouped) with each node's output live as it arrives.
 */
export function CommandDetail({ commandId }: { commandId: string }) {
  const { data, error, isPending } = useQuery(commandDetailQuery(commandId));
  const [view, setView] = useState<ResultsView>('nodes');
  const [store] = useState(() => new OutputStore());
  const invalidate = useThrottledInvalidate();
  const isLive = Boolean(data && !isCommandDone(data.command));
  // Everything under the command refetches: header, results, groups and the open outputs (which
  // keep what they have and only take the server's copy when it holds more).
  const { isConnected } = useCommandSocket(isLive ? [commandId] : [], {
    onChanged: () => invalidate(commandKeys.command(commandId)),
    onReconnect: () => invalidate(commandKeys.command(commandId)),
    onOutput: (chunk) => store.applyChunk(chunk),
  });

  if (!data) {
    const isMissing = error instanceof ApiError && error.code === 'InvalidCommandId';
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="command" name={commandId} listHref="/run-command" listName="command history" />;
  }
  const { command, counts, steps } = data;
  const countEntries = Object.entries(counts).filter(([, count]) => count > 0).sort(([a], [b]) => a.localeCompare(b));

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/run-command"
        backLabel="Run Command"
        title={<>{`Command ${command.CommandId.slice(0, 8)}`} <span data-testid="command-status"><CommandStatusBadge status={command.Status} details={command.StatusDetails} /></span></>}
        summary={<>{`${command.DocumentName} version ${command.DocumentVersion} · requested by ${command.RequestedBy} ${dateTime(command.RequestedDateTime)}`}{command.Comment ? ` · “${command.Comment}”` : ''}</>}
        actions={<CommandActions page={data} />}
      />
      <section aria-label="Progress" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <p className="text-sm text-slate-600">
            <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="command-progress">{`${command.CompletedCount.toLocaleString('en')}/${command.TargetCount.toLocaleString('en')}`}</span>{' '}
            nodes done{command.ErrorCount > 0 && <span className="ml-2 font-medium text-red-700">{`${command.ErrorCount.toLocaleString('en')} error${command.ErrorCount === 1 ? '' : 's'}`}</span>}
          </p>
          <p className="text-xs text-slate-500">
            {isLive ? (isConnected ? 'Live: updates as nodes report.' : 'Reconnecting for live updates…') : `Finished ${dateTime(command.CompletedDateTime ?? null)}.`}
          </p>
        </div>
        <div className="mt-2"><ProgressBar done={command.CompletedCount} errors={command.ErrorCount} success={counts.Success ?? 0} total={command.TargetCount} /></div>
        <dl className="mt-3 flex flex-wrap gap-2 text-xs" aria-label="Nodes by status">
          {countEntries.map(([details, count]) => (
            <div key={details} className="flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1">
              <dt className="text-slate-600">{statusLabel(details)}</dt>
              <dd className="font-semibold tabular-nums">{count.toLocaleString('en')}</dd>
            </div>
          ))}
        </dl>
        <dl className="mt-4 grid gap-3 border-t border-slate-100 pt-3 text-sm md:grid-cols-4">
          {[
            ['Targets', targetsSummary(command)],
            ['Max concurrency', command.MaxConcurrency],
            ['Max errors', command.MaxErrors],
            ['Delivery timeout', `${command.TimeoutSeconds.toLocaleString('en')} s`],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
              <dd className="mt-0.5 break-words font-mono text-xs text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Section
        title="Results"
        description="Each node's status, exit code and output; open a row to follow its output live."
        actions={
          <div role="radiogroup" aria-label="Results view" className="inline-flex rounded border border-slate-300 bg-white p-0.5 text-sm">
            {([['nodes', 'By node'], ['groups', 'Grouped by output']] as const).map(([value, label]) => (
              <button key={value} type="button" role="radio" aria-checked={view === value} onClick={() => setView(value)} className={`rounded px-3 py-1 ${view === value ? 'bg-sky-600 font-medium text-white' : 'text-slate-600 hover:bg-slate-100'}`}>
                {label}
              </button>
            ))}
          </div>
        }
      >
        {view === 'nodes' ? <ResultsTable commandId={commandId} steps={steps} store={store} isLive={isLive} /> : <ResultGroups commandId={commandId} />}
      </Section>
    </div>
  );
}
