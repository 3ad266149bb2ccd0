import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { NodeView } from '@/server/fleet/node-view';
import type { FilterCount } from '@/server/fleet/service';
import { fleetSearchParams, type FleetQuery, type NodeColumnId } from '@/server/fleet/filters';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Node = Jsonified<NodeView>;
export type { FilterCount };
/** One page of the Fleet Manager list (GET /api/nodes). */
export interface NodeList {
  nodes: Node[];
  total: number;
  page: number;
  pageSize: number;
  /** Only when nothing matched: what each filter matches on its own. */
  filterCounts?: FilterCount[];
}

export const nodeKeys = {
  all: ['nodes'] as const,
  lists: () => [...nodeKeys.all, 'list'] as const,
  /** Keyed by the canonical query string (server/fleet/filters.ts), so equal filters share a cache entry. */
  list: (search: string) => [...nodeKeys.lists(), search] as const,
  detail: (nodeId: string) => [...nodeKeys.all, 'detail', nodeId] as const,
  summary: () => [...nodeKeys.all, 'summary'] as const,
};

export interface FleetSummary {
  total: number;
  byPingStatus: Record<string, number>;
  byPlatform: Record<string, number>;
}

export const fleetSummaryQuery = () =>
  queryOptions({ queryKey: nodeKeys.summary(), queryFn: () => apiFetch<FleetSummary>('/api/nodes/summary') });

export const nodeListQuery = (query: FleetQuery) => {
  const search = fleetSearchParams(query).toString();
  return queryOptions({
    queryKey: nodeKeys.list(search),
    queryFn: () => apiFetch<NodeList>(`/api/nodes${search ? `?${search}` : ''}`),
    // Keep showing the last page while the next one loads, instead of flashing "Loading".
    placeholderData: keepPreviousData,
  });
};

/** The CSV export of every node these filters select (all pages), in these columns. */
export function nodeExportHref(query: FleetQuery, columns: NodeColumnId[]): string {
  const params = fleetSearchParams({ ...query, page: 1, pageSize: undefined });
  params.set('columns', columns.join(','));
  return `/api/nodes/export?${params}`;
}

export const nodeQuery = (nodeId: string) =>
  queryOptions({
    queryKey: nodeKeys.detail(nodeId),
    queryFn: () => apiFetch<{ node: Node }>(`/api/nodes/${encodeURIComponent(nodeId)}`).then((body) => body.node),
  });

export function useDeregisterNode(nodeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ node: Node }>(`/api/nodes/${encodeURIComponent(nodeId)}/deregister`, { method: 'POST' }),
    onSuccess: ({ node }) => {
      queryClient.setQueryData(nodeKeys.detail(nodeId), node);
      void queryClient.invalidateQueries({ queryKey: nodeKeys.lists() });
    },
  });
}
