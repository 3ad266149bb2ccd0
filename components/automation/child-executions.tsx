'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CHILDREN_PAGE_SIZE, executionHref, executionListQuery } from './queries';
import { AutomationStatusBadge } from './status-badge';
import { elapsed } from './execution-text';
import { PageButtons } from '@/components/run-command/page-buttons';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice } from '@/components/ui/notices';

/**
 * A rate-controlled execution's children: one per target value, each with its status. The list
 * asks again by itself while any child runs; `isLive` keeps it asking while the parent is still
 * starting new ones.
 */
export function ChildExecutions({ parentId, isLive }: { parentId: string; isLive: boolean }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery({
    ...executionListQuery({ status: '', document: '', executedBy: '', parent: parentId, page }, CHILDREN_PAGE_SIZE),
    ...(isLive ? { refetchInterval: 2000 } : {}),
  });
  const first = (page - 1) * CHILDREN_PAGE_SIZE + 1;
  return (
    <Section
      title="Child executions"
      description={<>One per target. <Link href={`/automation?${new URLSearchParams({ parent: parentId })}`} className={linkClass}>Filter them in the list</Link></>}
    >
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading child executions…</p>}
      {data && data.executions.length === 0 && <p className="px-5 py-4 text-sm text-slate-500">{isLive ? 'No child execution has started yet.' : 'No child execution ran: no target matched.'}</p>}
      {data && data.executions.length > 0 && (
        <>
          <DataTable label="Child executions" columns={['Target', 'Execution', 'Status', 'Step', 'Duration']}>
            {data.executions.map((child) => (
              <tr key={child.AutomationExecutionId} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-mono text-xs`}>{child.Target ?? '—'}</td>
                <td className={tableStyles.td}><Link href={executionHref(child.AutomationExecutionId)} className={`${linkClass} font-mono text-xs`}>{child.AutomationExecutionId.slice(0, 8)}</Link></td>
                <td className={tableStyles.td}><AutomationStatusBadge status={child.AutomationExecutionStatus} /></td>
                <td className={`${tableStyles.td} max-w-80`}>
                  {child.FailureMessage ? <span className="line-clamp-2 text-xs text-red-700" title={child.FailureMessage}>{child.FailureMessage}</span> : child.CurrentStepName ?? <span className="text-slate-400">—</span>}
                </td>
                <td className={`${tableStyles.td} whitespace-nowrap tabular-nums text-slate-600`}>{elapsed(child.ExecutionStartTime, child.ExecutionEndTime)}</td>
              </tr>
            ))}
          </DataTable>
          <PageButtons
            summary={`Children ${first.toLocaleString('en')}–${(first + data.executions.length - 1).toLocaleString('en')} of ${data.total.toLocaleString('en')}`}
            page={page}
            pageCount={Math.max(1, Math.ceil(data.total / CHILDREN_PAGE_SIZE))}
            hasPrevious={page > 1}
            hasNext={data.hasMore}
            onPage={setPage}
          />
        </>
      )}
    </Section>
  );
}
