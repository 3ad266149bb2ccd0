'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { fleetSearchParams, hasFilters, type FleetFilters, type SortKey } from '@/server/fleet/filters';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { describeZodError } from '@/components/fleet/filters/zod-message';
import { nodeExportHref, nodeListQuery } from './queries';
import { FilterBar } from './filters/filter-bar';
import { ColumnChooser } from './filters/column-chooser';
import { NoMatch } from './filters/no-match';
import { NodeTable } from './filters/node-table';
import { Pagination } from './filters/pagination';
import { SavedFiltersMenu } from './filters/saved-filters-menu';
import { useFleetQuery } from './filters/use-fleet-query';
import { useVisibleColumns } from './filters/use-visible-columns';

/** The Fleet Manager list: filters in the URL, filtered, sorted and paged by the server. */
export function FleetTable() {
  const { query, urlError, navigate, setFilters, applySearch, clearFilters } = useFleetQuery();
  const { columns, setColumns } = useVisibleColumns();
  const { data, error, isPending, isFetching } = useQuery({ ...nodeListQuery(query), enabled: !urlError });
  const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, ...filters } = query;
  const isFiltered = hasFilters(filters as FleetFilters);

  const handleSort = (sort: SortKey) => navigate({ ...query, sort, order: query.sort === sort && query.order === 'asc' ? 'desc' : 'asc', page: 1 });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" aria-label="Result count" className="text-sm text-slate-600">
          {data ? `${data.total.toLocaleString('en')} ${isFiltered ? 'matching ' : ''}node${data.total === 1 ? '' : 's'}` : ' '}
          {isFetching && data ? <span className="ml-2 text-slate-400">updating…</span> : null}
        </p>
        <div className="flex items-center gap-2">
          <SavedFiltersMenu currentSearch={fleetSearchParams({ ...query, page: 1 }).toString()} onApply={applySearch} />
          <ColumnChooser columns={columns} onChange={setColumns} />
          <a href={nodeExportHref(query, columns)} className={buttonStyles.secondary} download>Export CSV</a>
        </div>
      </div>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <FilterBar filters={filters as FleetFilters} onChange={setFilters} onClear={clearFilters} />
        {urlError && (
          <div className="space-y-2 p-4">
            <ErrorNotice error={new Error(`This link's filters are not valid: ${describeZodError(urlError)}`)} />
            <button type="button" className={buttonStyles.secondary} onClick={clearFilters}>Clear filters</button>
          </div>
        )}
        {error && <div className="p-4"><ErrorNotice error={error} /></div>}
        {isPending && !urlError && <p className="px-4 py-3 text-sm text-slate-500">Loading nodes…</p>}
        {data && data.total === 0 && (
          <div className="p-4">
            {isFiltered ? (
              <NoMatch filterCounts={data.filterCounts ?? []} onClear={clearFilters} />
            ) : (
              <EmptyState title="No managed nodes yet">
                Create a <Link className="text-sky-700 underline" href="/activations">hybrid activation</Link>, then run{' '}
                <code className="rounded bg-slate-100 px-1">npm run agent -- register …</code> on the node.
              </EmptyState>
            )}
          </div>
        )}
        {data && data.total > 0 && (
          <>
            <NodeTable nodes={data.nodes} columns={columns} sort={query.sort} order={query.order} onSort={handleSort} />
            <Pagination
              page={query.page}
              pageSize={query.pageSize}
              total={data.total}
              onPage={(page) => navigate({ ...query, page })}
              onPageSize={(pageSize) => navigate({ ...query, pageSize, page: 1 })}
            />
          </>
        )}
      </div>
    </div>
  );
}
