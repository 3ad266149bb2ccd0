'use client';

import { useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useInfiniteQuery } from '@tanstack/react-query';
import { auditEventsQuery, auditExportHref, auditFiltersFrom, auditSearchParams, type AuditFilters } from './queries';
import { AuditFiltersForm } from './audit-filters';
import { AUDIT_COLUMN_COUNT, AuditEventRow } from './audit-event-row';
import { tableStyles } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';

// Fixed widths keep the table inside the page; resources take what is left and truncate.
const COLUMNS = [
  { heading: 'Event time', width: 'w-40' },
  { heading: 'User', width: 'w-32' },
  { heading: 'Source IP', width: 'w-28' },
  { heading: 'Action', width: 'w-44' },
  { heading: 'Resources', width: '' },
  { heading: 'Result', width: 'w-44' },
];

export function AuditView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // Filters live in the URL, so a filtered view can be bookmarked or sent to someone.
  const filters = auditFiltersFrom(searchParams);
  const filterKey = auditSearchParams(filters).toString();
  const { data, error, isPending, isFetching, fetchNextPage, hasNextPage, isFetchingNextPage, refetch } = useInfiniteQuery(auditEventsQuery(filters));
  const [expandedId, setExpandedId] = useState<number | null>(null);
  const events = data?.pages.flatMap((page) => page.events) ?? [];
  const isFiltered = filterKey !== '';

  const handleApply = (next: AuditFilters) => {
    const query = auditSearchParams(next).toString();
    router.push(query ? `${pathname}?${query}` : pathname);
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title="Audit trail"
        description="Every change and every API call: who, what, when, from where, and how it ended. Events cannot be edited or deleted, by anyone."
        actions={
          <>
            <button type="button" className={buttonStyles.secondary} onClick={() => void refetch()} disabled={isFetching}>
              {isFetching && !isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
            </button>
            <a href={auditExportHref(filters)} className={buttonStyles.secondary} download>Export JSON lines</a>
          </>
        }
      />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <AuditFiltersForm key={filterKey} filters={filters} onApply={handleApply} />
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading events…</p>}
        {!isPending && !error && events.length === 0 && (
          <div className="p-5">
            <EmptyState title={isFiltered ? 'No events match these filters' : 'No events yet'}>
              {isFiltered ? 'The action and user filters match names exactly; try clearing some filters.' : 'Changes and API calls appear here as they happen.'}
            </EmptyState>
          </div>
        )}
        {events.length > 0 && (
          <table className={`${tableStyles.table} table-fixed`} aria-label="Audit events">
            <thead className={tableStyles.head}>
              <tr>
                <th className="w-10 px-3 py-2.5"><span className="sr-only">Details</span></th>
                {COLUMNS.map((column) => <th key={column.heading} className={`px-3 py-2.5 font-medium ${column.width}`}>{column.heading}</th>)}
              </tr>
            </thead>
            <tbody className={tableStyles.body}>
              {events.map((event) => (
                <AuditEventRow key={event.id} event={event} isExpanded={expandedId === event.id}
                  onToggle={() => setExpandedId(expandedId === event.id ? null : event.id)} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={AUDIT_COLUMN_COUNT} className="border-t border-slate-200 px-4 py-2 text-sm text-slate-600">
                  <span className="flex items-center justify-between">
                    <span>{events.length} event{events.length === 1 ? '' : 's'}, newest first{hasNextPage ? '' : ' — that is all of them'}</span>
                    {hasNextPage && (
                      <button type="button" className={buttonStyles.secondary} onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                        {isFetchingNextPage ? 'Loading…' : 'Load older events'}
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            </tfoot>
          </table>
        )}
      </div>
    </div>
  );
}
