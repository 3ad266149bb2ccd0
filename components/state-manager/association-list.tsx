'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ASSOCIATIONS_PAGE_SIZE, associationHref, associationListQuery, type Association, type AssociationListFilters } from './queries';
import { associationTitle, scheduleInWords, targetsInWords } from './association-text';
import { AssociationStatusBadge, StatusCounts } from './status-chips';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { usePermissions } from '@/components/shell/queries';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';

function filtersOf(params: URLSearchParams): AssociationListFilters {
  return { document: params.get('document') ?? '', name: params.get('name') ?? '', page: Math.max(1, Number(params.get('page')) || 1) };
}

function AssociationRow({ association }: { association: Association }) {
  const next = association.NextExecutionDates[0];
  return (
    <tr className="hover:bg-slate-50" data-association={association.AssociationId}>
      <td className={tableStyles.td}>
        <Link href={associationHref(association.AssociationId)} className={`${linkClass} font-medium`}>{associationTitle(association)}</Link>
        <span className="block font-mono text-xs text-slate-500">{association.AssociationId.slice(0, 8)}</span>
      </td>
      <td className={tableStyles.td}>
        <span className="whitespace-nowrap font-medium">{association.Name}</span>
        <span className="block text-xs text-slate-500">{`version ${association.DocumentVersion} · association v${association.AssociationVersion}`}</span>
      </td>
      <td className={`${tableStyles.td} min-w-48 max-w-64 text-slate-600`}><span className="line-clamp-2 text-xs">{targetsInWords(association.Targets)}</span></td>
      <td className={`${tableStyles.td} max-w-64`}>
        <span className="block text-slate-700">{scheduleInWords(association, true)}</span>
        {association.ScheduleExpression && <span className="block font-mono text-xs text-slate-500">{association.ScheduleExpression}</span>}
        {next && <span className="block text-xs text-slate-500" title={dateTime(next)}>{`next ${dateTime(next)}`}</span>}
      </td>
      <td className={tableStyles.td}><StatusCounts counts={association.Overview.AssociationStatusAggregatedCount} /></td>
      <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>
        <AssociationStatusBadge status={association.Overview.Status} details={association.Overview.DetailedStatus} />
        <span className="mt-1 block text-xs text-slate-500" title={dateTime(association.LastExecutionDate ?? null)}>{association.LastExecutionDate ? timeAgo(association.LastExecutionDate) : 'not yet'}</span>
      </td>
    </tr>
  );
}

/**
 * Associations, newest first, filters in the URL; refreshed every few seconds, since runs start
 * on schedules and on new nodes as well as from here.
 */
export function AssociationList() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [documentText, setDocumentText] = useState(filters.document);
  const [nameText, setNameText] = useState(filters.name);
  const settled = useDebouncedValue(JSON.stringify([documentText, nameText]), 400);
  const { can } = usePermissions();
  const { data, error, isPending, isFetching } = useQuery(associationListQuery(filters));

  const navigate = (next: Partial<AssociationListFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.document.trim()) params.set('document', merged.document.trim());
    if (merged.name.trim()) params.set('name', merged.name.trim());
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  useEffect(() => {
    const [document, name] = JSON.parse(settled) as [string, string];
    if (document.trim() !== filters.document.trim() || name.trim() !== filters.name.trim()) navigate({ document, name });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only settled text moves the URL
  }, [settled]);

  const isFiltered = filters.document !== '' || filters.name !== '';
  const clearFilters = () => {
    setDocumentText('');
    setNameText('');
    navigate({ document: '', name: '' });
  };
  const first = (filters.page - 1) * ASSOCIATIONS_PAGE_SIZE + 1;
  const createLink = can('createAssociations') && <Link href="/state-manager/new" className={buttonStyles.primary}>Create association</Link>;

  return (
    <Section title="Associations" description="Each keeps a document applied to its targets: once, or on a schedule. Nodes that match later get it when they register." actions={createLink}>
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <input type="search" aria-label="Association name" placeholder="Association name starts with" className={`${sizedInputClass} w-72`} value={nameText} onChange={(event) => setNameText(event.target.value)} />
        <input type="search" aria-label="Document name" placeholder="Document name (exact)" className={`${sizedInputClass} w-72`} value={documentText} onChange={(event) => setDocumentText(event.target.value)} />
        {isFetching && data && <span className="ml-auto text-sm text-slate-400">updating…</span>}
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading associations…</p>}
      {data && data.associations.length === 0 && (
        <div className="p-5">
          {isFiltered ? (
            <EmptyState title="No association matches these filters">
              <button type="button" className={linkClass} onClick={clearFilters}>Clear filters</button>
            </EmptyState>
          ) : (
            <EmptyState title="No associations yet">
              <p>An association keeps nodes in a defined state: a document (a script, a runbook) applied to nodes by id, tag or group, once or on a schedule, with the result on each node.</p>
              {createLink && <div className="mt-4">{createLink}</div>}
            </EmptyState>
          )}
        </div>
      )}
      {data && data.associations.length > 0 && (
        <>
          <DataTable label="Associations" columns={['Association', 'Document', 'Targets', 'Schedule', 'Nodes by status', 'Last run']}>
            {data.associations.map((association) => <AssociationRow key={association.AssociationId} association={association} />)}
          </DataTable>
          <PageButtons
            summary={`Associations ${first.toLocaleString('en')}–${(first + data.associations.length - 1).toLocaleString('en')}`}
            page={filters.page}
            hasPrevious={filters.page > 1}
            hasNext={data.hasMore}
            onPage={(page) => navigate({ page })}
          />
        </>
      )}
    </Section>
  );
}
