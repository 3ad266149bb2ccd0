import { infiniteQueryOptions } from '@tanstack/react-query';
import type { AuditEvent as AuditEventRow } from '@/db/schema';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type AuditEvent = Jsonified<AuditEventRow>;

export interface AuditFilters {
  username?: string;
  action?: string;
  resource?: string;
  result?: 'Success' | 'Failure';
  /** ISO times. */
  from?: string;
  to?: string;
}

export const AUDIT_FILTER_NAMES = ['username', 'action', 'resource', 'result', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];

const PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

/** The filters as query parameters, empty ones left out; shared by the page URL, the API and the export. */
export function auditSearchParams(filters: AuditFilters): URLSearchParams {
  return new URLSearchParams(AUDIT_FILTER_NAMES.flatMap((name) => (filters[name] ? [[name, filters[name]]] : [])));
}

export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of AUDIT_FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) (filters as Record<string, string>)[name] = value;
  }
  return filters;
}

export const auditExportHref = (filters: AuditFilters) => {
  const query = auditSearchParams(filters).toString();
  return `/api/audit/export${query ? `?${query}` : ''}`;
};

interface AuditPage {
  events: AuditEvent[];
  nextBefore?: number;
}

/** Newest first; each page's last id is the cursor for the next, older page. */
export const auditEventsQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => {
      const params = auditSearchParams(filters);
      params.set('pageSize', String(PAGE_SIZE));
      if (pageParam !== undefined) params.set('before', String(pageParam));
      return apiFetch<AuditPage>(`/api/audit?${params}`);
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore,
  });
