import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InventoryDashboard, FleetNodeRow } from '@/server/inventory/console';
import type { AggregateRow } from '@/server/inventory/aggregates';
import type { InventoryFilter } from '@/server/inventory/filters';
import type { EntryPage, HistoryRow, NodeInventorySummary, SchemaView } from '@/server/inventory/service';
import type { RefreshProgress } from '@/server/inventory/refresh';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type { InventoryFilter };
export type FleetNode = Jsonified<FleetNodeRow>;
export type Dashboard = Jsonified<InventoryDashboard>;
export type NodeSummary = Jsonified<NodeInventorySummary>;
export type Entries = Jsonified<EntryPage>;
export type HistoryEntry = Jsonified<HistoryRow>;
export type TypeSchema = SchemaView;
export type { AggregateRow };

export const QUERY_PAGE_SIZE = 25;
export const ENTRIES_PAGE_SIZE = 50;
export const HISTORY_PAGE_SIZE = 25;
/** While a refresh runs, how often its progress is asked. */
const REFRESH_POLL_MS = 1500;

export const inventoryKeys = {
  all: ['inventory'] as const,
  dashboard: () => [...inventoryKeys.all, 'dashboard'] as const,
  schema: () => [...inventoryKeys.all, 'schema'] as const,
  query: (filters: InventoryFilter[], page: number) => [...inventoryKeys.all, 'query', filters, page] as const,
  aggregate: (filters: InventoryFilter[], typeName: string, attribute: string) => [...inventoryKeys.all, 'aggregate', filters, typeName, attribute] as const,
  node: (nodeId: string) => [...inventoryKeys.all, 'node', nodeId] as const,
  summary: (nodeId: string) => [...inventoryKeys.node(nodeId), 'summary'] as const,
  entries: (nodeId: string, typeName: string, search: string, page: number) => [...inventoryKeys.node(nodeId), 'entries', typeName, search, page] as const,
  history: (nodeId: string, typeName: string, page: number) => [...inventoryKeys.node(nodeId), 'history', typeName, page] as const,
  refresh: (nodeId: string, commandId: string) => [...inventoryKeys.node(nodeId), 'refresh', commandId] as const,
};

export const filtersParam = (filters: InventoryFilter[]) => (filters.length > 0 ? JSON.stringify(filters) : undefined);

function withFilters(filters: InventoryFilter[], extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra);
  const encoded = filtersParam(filters);
  if (encoded) params.set('filters', encoded);
  return params;
}

export const exportHref = (filters: InventoryFilter[]) => `/api/inventory/export?${withFilters(filters)}`;
export const nodeInventoryHref = (nodeId: string) => `/inventory/${encodeURIComponent(nodeId)}`;
const nodePath = (nodeId: string) => `/api/inventory/nodes/${encodeURIComponent(nodeId)}`;

export const dashboardQuery = () => queryOptions({ queryKey: inventoryKeys.dashboard(), queryFn: () => apiFetch<Dashboard>('/api/inventory/overview') });

export const schemaQuery = () =>
  queryOptions({ queryKey: inventoryKeys.schema(), queryFn: async () => (await apiFetch<{ schemas: TypeSchema[] }>('/api/inventory/schema')).schemas, staleTime: 60_000 });

export const fleetQuery = (filters: InventoryFilter[], page: number) =>
  queryOptions({
    queryKey: inventoryKeys.query(filters, page),
    queryFn: () => apiFetch<{ nodes: FleetNode[]; total: number }>(`/api/inventory/query?${withFilters(filters, { page: String(page), pageSize: String(QUERY_PAGE_SIZE) })}`),
    placeholderData: keepPreviousData,
  });

export const aggregateQuery = (filters: InventoryFilter[], typeName: string, attribute: string) =>
  queryOptions({
    queryKey: inventoryKeys.aggregate(filters, typeName, attribute),
    queryFn: async () => (await apiFetch<{ rows: AggregateRow[] }>(`/api/inventory/aggregate?${withFilters(filters, { type: typeName, attribute })}`)).rows,
  });

export const nodeSummaryQuery = (nodeId: string) => queryOptions({ queryKey: inventoryKeys.summary(nodeId), queryFn: () => apiFetch<NodeSummary>(nodePath(nodeId)) });

export const entriesQuery = (nodeId: string, typeName: string, search: string, page: number) =>
  queryOptions({
    queryKey: inventoryKeys.entries(nodeId, typeName, search, page),
    queryFn: () => {
      const params = new URLSearchParams({ type: typeName, page: String(page), pageSize: String(ENTRIES_PAGE_SIZE) });
      if (search.trim()) params.set('q', search.trim());
      return apiFetch<Entries & { page: number }>(`${nodePath(nodeId)}/entries?${params}`);
    },
    placeholderData: keepPreviousData,
  });

export const historyQuery = (nodeId: string, typeName: string, page: number) =>
  queryOptions({
    queryKey: inventoryKeys.history(nodeId, typeName, page),
    queryFn: () => {
      const params = new URLSearchParams({ page: String(page), pageSize: String(HISTORY_PAGE_SIZE) });
      if (typeName) params.set('type', typeName);
      return apiFetch<{ rows: HistoryEntry[]; hasMore: boolean }>(`${nodePath(nodeId)}/history?${params}`);
    },
    placeholderData: keepPreviousData,
  });

export const refreshQuery = (nodeId: string, commandId: string) =>
  queryOptions({
    queryKey: inventoryKeys.refresh(nodeId, commandId),
    queryFn: () => apiFetch<Jsonified<RefreshProgress>>(`${nodePath(nodeId)}/refresh/${encodeURIComponent(commandId)}`),
    refetchInterval: (query) => (query.state.data?.isDone ? false : REFRESH_POLL_MS),
  });

export function useRefreshNode(nodeId: string) {
  return useMutation({ mutationFn: () => apiFetch<{ commandId: string }>(`${nodePath(nodeId)}/refresh`, { method: 'POST' }) });
}

/** After a refresh finishes: everything shown about the node (and the fleet's counts) is asked again. */
export function useInvalidateNodeInventory(nodeId: string) {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: inventoryKeys.node(nodeId) }), client.invalidateQueries({ queryKey: inventoryKeys.dashboard() })]);
}
