import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { NodeView } from '@/server/fleet/node-view';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Node = Jsonified<NodeView>;
export type NodeSort = { sortBy: 'name' | 'nodeId' | 'pingStatus' | 'platformName' | 'agentVersion' | 'lastPingDateTime'; sortOrder: 'asc' | 'desc' };
export interface NodeListParams extends NodeSort {
  page: number;
  pageSize: number;
}
export interface NodeList {
  nodes: Node[];
  total: number;
}

export const nodeKeys = {
  all: ['nodes'] as const,
  lists: () => [...nodeKeys.all, 'list'] as const,
  list: (params: NodeListParams) => [...nodeKeys.lists(), params] as const,
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

export const nodeListQuery = (params: NodeListParams) =>
  queryOptions({
    queryKey: nodeKeys.list(params),
    queryFn: () => apiFetch<NodeList>(`/api/nodes?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`),
    placeholderData: (previous) => previous,
  });

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
