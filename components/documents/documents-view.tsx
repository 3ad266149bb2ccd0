'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DOCUMENTS_PAGE_SIZE, DOCUMENT_TYPES, documentHref, documentListQuery, type DocumentListFilters, type OwnerFilter } from './queries';
import { OwnerBadge } from './owner-badge';
import { useDebouncedValue } from './use-document-lint';
import { usePermissions } from '@/components/shell/queries';
import { Badge, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { PageButtons } from '@/components/run-command/page-buttons';
import { dateTime } from '@/components/lib/format';
import { sizedInputClass } from '@/components/run-command/ui';

const OWNERS: { value: OwnerFilter; label: string }[] = [
  { value: 'All', label: 'All documents' },
  { value: 'Self', label: 'Owned by me' },
  { value: 'Amazon', label: 'Built-in' },
];

function filtersOf(params: URLSearchParams): DocumentListFilters {
  const owner = params.get('owner');
  return {
    owner: owner === 'Self' || owner === 'Amazon' ? owner : 'All',
    type: params.get('type') ?? '',
    search: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

/** The documents list; its filters live in the URL so a filtered view can be linked to. */
export function DocumentsView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [searchText, setSearchText] = useState(filters.search);
  const settledSearch = useDebouncedValue(searchText, 300);
  const { can } = usePermissions();
  const { data, error, isPending, isFetching } = useQuery(documentListQuery(filters));

  const navigate = (next: Partial<DocumentListFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.owner !== 'All') params.set('owner', merged.owner);
    if (merged.type) params.set('type', merged.type);
    if (merged.search.trim()) params.set('q', merged.search.trim());
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  // The search box writes the URL once typing pauses, not on every key.
  useEffect(() => {
    if (settledSearch.trim() !== filters.search.trim()) navigate({ search: settledSearch });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled search moves the URL
  }, [settledSearch]);

  const isFiltered = filters.owner !== 'All' || filters.type !== '' || filters.search !== '';
  const pageCount = data ? Math.max(1, Math.ceil(data.total / DOCUMENTS_PAGE_SIZE)) : 1;

  return (
    <Section
      title="Documents"
      description="Built-in documents ship with Opsdeck and are read-only; yours are versioned, with one default version that runs unless you pick another."
      actions={can('editDocuments') && <Link href="/documents/new" className={buttonStyles.primary}>Create document</Link>}
    >
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <div role="radiogroup" aria-label="Owner" className="inline-flex rounded border border-slate-300 bg-white p-0.5 text-sm">
          {OWNERS.map((owner) => (
            <button
              key={owner.value}
              type="button"
              role="radio"
              aria-checked={filters.owner === owner.value}
              onClick={() => navigate({ owner: owner.value })}
              className={`rounded px-3 py-1 ${filters.owner === owner.value ? 'bg-sky-600 font-medium text-white' : 'text-slate-600 hover:bg-slate-100'}`}
            >
              {owner.label}
            </button>
          ))}
        </div>
        <label className="text-sm">
          <span className="sr-only">Document type</span>
          <select aria-label="Document type" className={`${sizedInputClass} w-44`} value={filters.type} onChange={(event) => navigate({ type: event.target.value })}>
            <option value="">All types</option>
            {DOCUMENT_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </label>
        <input
          type="search"
          aria-label="Search by name"
          placeholder="Search by name"
          className={`${sizedInputClass} w-64`}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
        />
        <span role="status" aria-label="Result count" className="ml-auto text-sm text-slate-600">
          {data ? `${data.total.toLocaleString('en')} document${data.total === 1 ? '' : 's'}` : ' '}
          {isFetching && data ? <span className="ml-2 text-slate-400">updating…</span> : null}
        </span>
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading documents…</p>}
      {data && data.total === 0 && (
        <div className="p-5">
          {filters.owner === 'Self' && filters.type === '' && filters.search === '' ? (
            <EmptyState title="You have not created any documents yet">
              Built-in documents cover common tasks; write your own Command document to run your scripts with parameters, versions and a default version.
            </EmptyState>
          ) : isFiltered ? (
            <EmptyState title="No document matches these filters">
              <button type="button" className={linkClass} onClick={() => { setSearchText(''); navigate({ owner: 'All', type: '', search: '' }); }}>Clear filters</button>
            </EmptyState>
          ) : (
            <EmptyState title="No documents yet">Create a Command document to run your own scripts on nodes with Run Command.</EmptyState>
          )}
        </div>
      )}
      {data && data.total > 0 && (
        <>
          <DataTable label="Documents" columns={['Name', 'Owner', 'Type', 'Format', 'Default version', 'Platforms', 'Created']}>
            {data.documents.map((document) => (
              <tr key={document.Name} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium`}>
                  <Link href={documentHref(document.Name)} className={linkClass}>{document.Name}</Link>
                  {document.DisplayName && <span className="block text-xs font-normal text-slate-500">{document.DisplayName}</span>}
                </td>
                <td className={`${tableStyles.td} whitespace-nowrap`}><OwnerBadge owner={document.Owner} /></td>
                <td className={tableStyles.td}><Badge tone={document.DocumentType === 'Command' ? 'sky' : 'slate'}>{document.DocumentType}</Badge></td>
                <td className={`${tableStyles.td} text-slate-600`}>{document.DocumentFormat}</td>
                <td className={`${tableStyles.td} tabular-nums text-slate-600`}>{document.VersionName ? `${document.DocumentVersion} (${document.VersionName})` : document.DocumentVersion}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{document.PlatformTypes.join(', ') || '—'}</td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{dateTime(document.CreatedDate)}</td>
              </tr>
            ))}
          </DataTable>
          <PageButtons
            summary={`Showing ${((filters.page - 1) * DOCUMENTS_PAGE_SIZE + 1).toLocaleString('en')}–${Math.min(data.total, filters.page * DOCUMENTS_PAGE_SIZE).toLocaleString('en')} of ${data.total.toLocaleString('en')}`}
            page={filters.page}
            hasPrevious={filters.page > 1}
            hasNext={filters.page < pageCount}
            pageCount={pageCount}
            onPage={(page) => navigate({ page })}
          />
        </>
      )}
    </Section>
  );
}
