'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AUTOMATION_STATUS_OPTIONS, EXECUTIONS_PAGE_SIZE, executionListQuery, type ExecutionListFilters } from './queries';
import { ExecutionRows } from './execution-rows';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { usePermissions } from '@/components/shell/queries';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { statusLabel } from './status-badge';

function filtersOf(params: URLSearchParams): ExecutionListFilters {
  return {
    status: params.get('status') ?? '',
    document: params.get('document') ?? '',
    executedBy: params.get('executedBy') ?? '',
    parent: params.get('parent') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

export const EXECUTION_COLUMNS = ['Execution', 'Status', 'Runbook', 'Step', 'Executed by', 'Started', 'Duration'];

/**
 * Automation executions, newest first, filters in the URL. Executions still running are asked
 * again every few seconds; a rate-controlled execution opens to show its children, and
 * ?parent= lists only one execution's children.
 */
export function ExecutionList() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [documentText, setDocumentText] = useState(filters.document);
  const [executedByText, setExecutedByText] = useState(filters.executedBy);
  const settled = useDebouncedValue(JSON.stringify([documentText, executedByText]), 400);
  const { can } = usePermissions();
  const { data, error, isPending, isFetching } = useQuery(executionListQuery(filters));

  const navigate = (next: Partial<ExecutionListFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.status) params.set('status', merged.status);
    if (merged.document.trim()) params.set('document', merged.document.trim());
    if (merged.executedBy.trim()) params.set('executedBy', merged.executedBy.trim());
    if (merged.parent) params.set('parent', merged.parent);
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  useEffect(() => {
    const [document, executedBy] = JSON.parse(settled) as [string, string];
    if (document.trim() !== filters.document.trim() || executedBy.trim() !== filters.executedBy.trim()) navigate({ document, executedBy });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only settled text moves the URL
  }, [settled]);

  const isFiltered = filters.status !== '' || filters.document !== '' || filters.executedBy !== '';
  const clearFilters = () => {
    setDocumentText('');
    setExecutedByText('');
    navigate({ status: '', document: '', executedBy: '' });
  };
  const first = (filters.page - 1) * EXECUTIONS_PAGE_SIZE + 1;

  return (
    <Section
      title={filters.parent ? `Child executions of ${filters.parent.slice(0, 8)}` : 'Executions'}
      description={
        filters.parent ? (
          <>One execution per target value of a rate-controlled execution. <Link href={`/automation/${encodeURIComponent(filters.parent)}`} className={linkClass}>Open the parent</Link> · <button type="button" className={linkClass} onClick={() => navigate({ parent: '' })}>All executions</button></>
        ) : (
          'Every runbook run from the console or the API, newest first. Runs still going update by themselves.'
        )
      }
      actions={can('startAutomation') && <Link href="/automation/new" className={buttonStyles.primary}>Run a runbook</Link>}
    >
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <select aria-label="Status" className={`${sizedInputClass} w-44`} value={filters.status} onChange={(event) => navigate({ status: event.target.value })}>
          <option value="">All statuses</option>
          {AUTOMATION_STATUS_OPTIONS.map((status) => <option key={status} value={status}>{statusLabel(status)}</option>)}
        </select>
        <input type="search" aria-label="Runbook name" placeholder="Runbook name starts with" className={`${sizedInputClass} w-72`} value={documentText} onChange={(event) => setDocumentText(event.target.value)} />
        <input type="search" aria-label="Executed by" placeholder="Executed by (user name)" className={`${sizedInputClass} w-56`} value={executedByText} onChange={(event) => setExecutedByText(event.target.value)} />
        {isFetching && data && <span className="ml-auto text-sm text-slate-400">updating…</span>}
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading executions…</p>}
      {data && data.executions.length === 0 && (
        <div className="p-5">
          {isFiltered || filters.parent ? (
            <EmptyState title="No execution matches these filters">
              <button type="button" className={linkClass} onClick={clearFilters}>Clear filters</button>
            </EmptyState>
          ) : (
            <EmptyState title="No runbooks have run yet">
              <p>A runbook is a sequence of steps: commands on nodes, approvals, pauses, branches and loops, each step&apos;s outputs feeding the next.</p>
              {can('startAutomation') && <Link href="/automation/new" className={`${buttonStyles.primary} mt-4 inline-block`}>Run a runbook</Link>}
            </EmptyState>
          )}
        </div>
      )}
      {data && data.executions.length > 0 && (
        <>
          <DataTable label="Executions" columns={EXECUTION_COLUMNS}>
            <ExecutionRows executions={data.executions} canExpand={!filters.parent} onShowChildren={(parent) => navigate({ parent, status: '', document: '', executedBy: '' })} />
          </DataTable>
          <PageButtons
            summary={`Executions ${first.toLocaleString('en')}–${(first + data.executions.length - 1).toLocaleString('en')} of ${data.total.toLocaleString('en')}`}
            page={filters.page}
            pageCount={Math.max(1, Math.ceil(data.total / EXECUTIONS_PAGE_SIZE))}
            hasPrevious={filters.page > 1}
            hasNext={data.hasMore}
            onPage={(page) => navigate({ page })}
          />
        </>
      )}
    </Section>
  );
}
