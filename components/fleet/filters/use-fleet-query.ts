'use client';

import { useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { emptyFleetQuery, fleetSearchParams, safeParseFleetQuery, type FleetFilters, type FleetQuery } from '@/server/fleet/filters';

/**
 * The Fleet Manager's state is its URL: filters, sort and page live in the query string, so a view
 * can be shared or bookmarked, and each change is a history entry that the back button undoes.
 */
export function useFleetQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const parsed = useMemo(() => safeParseFleetQuery(searchParams), [searchParams]);
  const query = parsed.query ?? emptyFleetQuery();

  const navigate = (next: FleetQuery) => {
    const search = fleetSearchParams(next).toString();
    router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };

  return {
    query,
    /** Set when the URL holds a filter the contract refuses (a hand-edited or stale link). */
    urlError: parsed.error,
    navigate,
    /** New filters start again at page 1; sort and page size stay. */
    setFilters: (filters: FleetFilters) => navigate({ ...filters, sort: query.sort, order: query.order, page: 1, pageSize: query.pageSize }),
    applySearch: (search: string) => {
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    clearFilters: () => navigate({ ...emptyFleetQuery(), sort: query.sort, order: query.order, pageSize: query.pageSize }),
  };
}

export type FleetQueryState = ReturnType<typeof useFleetQuery>;
