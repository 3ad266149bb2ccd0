'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '@/components/ui/notices';
import { FleetOverview } from './fleet-overview';
import { QueryBuilder } from './query-builder';
import { QueryResults } from './query-results';
import { ValueCounts } from './value-counts';
import { filtersParam, fleetQuery, schemaQuery, type InventoryFilter } from './queries';

/** The query lives in the URL (?filters=[...]&page=2), so a result can be linked and the back button works. */
function filtersOf(params: URLSearchParams): InventoryFilter[] {
  try {
    const parsed: unknown = JSON.parse(params.get('filters') ?? '[]');
    return Array.isArray(parsed) ? (parsed as InventoryFilter[]) : [];
  } catch {
    return [];
  }
}

/** Inventory: the fleet's coverage and top packages, a query builder, its matching nodes and value counts. */
export function InventoryView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const schemas = useQuery(schemaQuery());
  const total = useQuery(fleetQuery(filters, page)).data?.total ?? 0;

  const navigate = (next: { filters?: InventoryFilter[]; page?: number }) => {
    const params = new URLSearchParams();
    const encoded = filtersParam(next.filters ?? filters);
    if (encoded) params.set('filters', encoded);
    if ((next.page ?? 1) > 1) params.set('page', String(next.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  return (
    <div className="space-y-5">
      <FleetOverview onQuery={(next) => navigate({ filters: next })} />
      {schemas.error && <ErrorNotice error={schemas.error} />}
      {schemas.data && <QueryBuilder filters={filters} schemas={schemas.data} onRun={(next) => navigate({ filters: next })} />}
      <QueryResults filters={filters} page={page} onPage={(next) => navigate({ page: next })} />
      {schemas.data && filters.length > 0 && <ValueCounts filters={filters} schemas={schemas.data} total={total} />}
    </div>
  );
}
