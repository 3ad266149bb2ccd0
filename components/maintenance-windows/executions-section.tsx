'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EXECUTIONS_PAGE_SIZE, executionHref, executionsQuery, maintenanceWindowKeys } from './queries';
import { WindowStatusBadge } from './status-badge';
import { PageButtons } from '@/components/run-command/page-buttons';
import { Muted, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

/** Every occurrence of the window, run or not, newest first, with why it ended as it did. */
export function ExecutionsSection({ windowId }: { windowId: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery(executionsQuery(windowId, page));
  const pageCount = data ? Math.max(Math.ceil(data.total / EXECUTIONS_PAGE_SIZE), 1) : 1;
  const queryClient = useQueryClient();
  const total = data?.total;
  // An occurrence came: the window's next occurrences moved on.
  useEffect(() => {
    if (total !== undefined) void queryClient.invalidateQueries({ queryKey: maintenanceWindowKeys.detail(windowId) });
  }, [total, windowId, queryClient]);

  return (
    <Section title="Execution history" description="Each occurrence: run, skipped (and why), or missed while no server ran.">
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <Muted>Loading the history…</Muted>}
      {data && data.executions.length === 0 && <Muted>The window has not opened yet.</Muted>}
      {data && data.executions.length > 0 && (
        <>
          <DataTable label="Execution history" columns={['Scheduled for', 'Status', 'Details', 'Started', 'Ended']}>
            {data.executions.map((execution) => (
              <tr key={execution.WindowExecutionId} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} whitespace-nowrap`}>
                  <Link href={executionHref(windowId, execution.WindowExecutionId)} className={linkClass}>{dateTime(execution.ScheduledTime)}</Link>
                </td>
                <td className={tableStyles.td}><WindowStatusBadge status={execution.Status} /></td>
                <td className={`${tableStyles.td} text-slate-600`}>{execution.StatusDetails || '—'}</td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{dateTime(execution.StartTime ?? null)}</td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{dateTime(execution.EndTime ?? null)}</td>
              </tr>
            ))}
          </DataTable>
          <PageButtons summary={`${data.total.toLocaleString('en')} execution${data.total === 1 ? '' : 's'}`} page={page} pageCount={pageCount} hasPrevious={page > 1} hasNext={page < pageCount} onPage={setPage} />
        </>
      )}
    </Section>
  );
}
