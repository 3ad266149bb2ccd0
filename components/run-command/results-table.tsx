'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { RESULTS_PAGE_SIZE, invocationsQuery } from './queries';
import { CommandStatusBadge } from './status-badge';
import { OutputPanel } from './output-panel';
import { PageButtons } from './page-buttons';
import { duration, firstLine, outputOf } from './command-text';
import type { OutputStore } from './output-store';
import { linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { sizedInputClass } from './ui';

const STATUSES = ['Pending', 'InProgress', 'Delayed', 'Success', 'Failed', 'TimedOut', 'Cancelling', 'Cancelled'];

/** Per node: status, exit code, duration and the first line of output; a row opens the node's full, live output. */
export function ResultsTable({ commandId, steps, store, isLive }: { commandId: string; steps: { name: string; action: string }[]; store: OutputStore; isLive: boolean }) {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [openNodeId, setOpenNodeId] = useState<string | null>(null);
  const { data, error, isPending } = useQuery(invocationsQuery(commandId, status, page));

  return (
    <div>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <select
          aria-label="Result status"
          className={`${sizedInputClass} w-44`}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value);
            setPage(1);
          }}
        >
          <option value="">All statuses</option>
          {STATUSES.map((candidate) => <option key={candidate} value={candidate}>{candidate.replace(/([a-z])([A-Z])/g, '$1 $2')}</option>)}
        </select>
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading results…</p>}
      {data && data.invocations.length === 0 && (
        <div className="p-5"><EmptyState title={status ? `No node is ${status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}` : 'No targets'}>{status ? 'Pick another status.' : 'The targets selected no node when the command was sent.'}</EmptyState></div>
      )}
      {data && data.invocations.length > 0 && (
        <>
          <DataTable label="Results" columns={['Node', 'Status', 'Exit code', 'Duration', 'Output']} hasActions>
            {data.invocations.map((invocation) => {
              const isOpen = openNodeId === invocation.InstanceId;
              const line = firstLine(outputOf(invocation));
              return (
                <Fragment key={invocation.InvocationId}>
                  <tr className={isOpen ? 'bg-sky-50/50' : 'hover:bg-slate-50'}>
                    <td className={tableStyles.td}>
                      <Link href={`/fleet/${invocation.InstanceId}`} className={`${linkClass} font-mono text-xs`}>{invocation.InstanceId}</Link>
                      <span className="block text-xs text-slate-500">{invocation.InstanceName}</span>
                    </td>
                    <td className={tableStyles.td}><CommandStatusBadge status={invocation.Status} details={invocation.StatusDetails} /></td>
                    <td className={`${tableStyles.td} tabular-nums`}>{invocation.ResponseCode >= 0 ? invocation.ResponseCode : '—'}</td>
                    <td className={`${tableStyles.td} tabular-nums text-slate-600`}>{duration(invocation.ExecutionStartDateTime, invocation.ExecutionEndDateTime)}</td>
                    <td className={`${tableStyles.td} max-w-md`}>
                      {line ? <code className="block truncate font-mono text-xs text-slate-700" title={line}>{line}</code> : <span className="text-slate-400">—</span>}
                    </td>
                    <td className={`${tableStyles.td} text-right`}>
                      <button
                        type="button"
                        className={buttonStyles.secondary}
                        aria-expanded={isOpen}
                        aria-label={`${isOpen ? 'Hide' : 'Show'} output of ${invocation.InstanceId}`}
                        onClick={() => setOpenNodeId(isOpen ? null : invocation.InstanceId)}
                      >
                        {isOpen ? 'Hide output' : 'Output'}
                      </button>
                    </td>
                  </tr>
                  {isOpen && (
                    <tr>
                      <td colSpan={6} className="p-0">
                        <OutputPanel commandId={commandId} invocation={invocation} steps={steps} store={store} isLive={isLive} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </DataTable>
          <PageButtons page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={setPage} summary={`Nodes ${((page - 1) * RESULTS_PAGE_SIZE + 1).toLocaleString('en')}–${((page - 1) * RESULTS_PAGE_SIZE + data.invocations.length).toLocaleString('en')}`} />
        </>
      )}
    </div>
  );
}
