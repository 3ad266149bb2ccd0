import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { listComplianceItems, listComplianceSummaries, listResourceComplianceSummaries } from '@/server/compliance/service';
import type { RemediationInput, StartedRemediation } from '@/server/compliance/remediation';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type ComplianceSummary = Jsonified<Awaited<ReturnType<typeof listComplianceSummaries>>['summaries'][number]>;
/** A node's compliance of one type, with the node's name when it is still known. */
export type ResourceSummary = Jsonified<Awaited<ReturnType<typeof listResourceComplianceSummaries>>['summaries'][number]> & { NodeName?: string; IsRegistered: boolean };
export type ComplianceItem = Jsonified<Awaited<ReturnType<typeof listComplianceItems>>['items'][number]>;
export type { RemediationInput, StartedRemediation };

/** The page's filters (in its URL). */
export interface ComplianceFilters {
  type: string;
  status: string;
  severity: string;
  node: string;
  page: number;
}

export const RESOURCES_PAGE_SIZE = 25;
export const ITEMS_PAGE_SIZE = 50;
/** Runs end and scans report on their own; the page asks again every few seconds. */
export const LIVE_INTERVAL_MS = 5000;

export const complianceKeys = {
  all: ['compliance'] as const,
  summaries: () => [...complianceKeys.all, 'summaries'] as const,
  resources: (filters: ComplianceFilters) => [...complianceKeys.all, 'resources', filters] as const,
  items: (nodeId: string, type: string, status: string, page: number) => [...complianceKeys.all, 'items', nodeId, type, status, page] as const,
};

export const complianceHref = (nodeId: string, type?: string) => `/compliance/${encodeURIComponent(nodeId)}${type ? `?${new URLSearchParams({ type })}` : ''}`;

function viewParams(filters: Partial<ComplianceFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['type', 'status', 'severity', 'node'] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

export const summariesQuery = () =>
  queryOptions({
    queryKey: complianceKeys.summaries(),
    queryFn: () => apiFetch<{ summaries: ComplianceSummary[] }>('/api/compliance/summaries'),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const resourcesQuery = (filters: ComplianceFilters) =>
  queryOptions({
    queryKey: complianceKeys.resources(filters),
    queryFn: () => {
      const params = viewParams(filters);
      params.set('page', String(filters.page));
      params.set('pageSize', String(RESOURCES_PAGE_SIZE));
      return apiFetch<{ resources: ResourceSummary[]; hasMore: boolean }>(`/api/compliance/resources?${params}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const nodeItemsQuery = (nodeId: string, type: string, status: string, page: number) =>
  queryOptions({
    queryKey: complianceKeys.items(nodeId, type, status, page),
    queryFn: () => {
      const params = viewParams({ type, status });
      params.set('page', String(page));
      params.set('pageSize', String(ITEMS_PAGE_SIZE));
      return apiFetch<{ nodeId: string; nodeName?: string; isRegistered: boolean; items: ComplianceItem[]; hasMore: boolean }>(`/api/compliance/resources/${encodeURIComponent(nodeId)}/items?${params}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export function useRemediate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RemediationInput) => apiFetch<{ nodeIds: string[]; started: StartedRemediation[] }>('/api/compliance/remediate', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.all }),
  });
}
