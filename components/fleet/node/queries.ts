import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DirectoryListing, MetricsSample, OsUsers, ProcessList } from '@/agent/protocol';
import type { NodeDiagnosis } from '@/server/fleet/diagnosis';
import type { StatusEventView } from '@/server/fleet/history';
import type { NodeTextFile } from '@/server/node-tools/files';
import type { NodePermissions } from '@/server/fleet/service';
import type { NodeToolPermissions } from '@/server/node-tools/permissions';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';
import { nodeKeys, type Node } from '@/components/fleet/queries';

/** GET /api/nodes/:id answers the node with what this caller may do to it. */
export type NodeAccess = NodePermissions & NodeToolPermissions;
export type NodeWithAccess = Node & { permissions?: NodeAccess };
export type NodeDiagnosisView = Jsonified<NodeDiagnosis>;
export type StatusEvent = Jsonified<StatusEventView>;

const base = (nodeId: string) => `/api/nodes/${encodeURIComponent(nodeId)}`;

/** Everything here hangs under the node's detail key, so invalidating the node refreshes it all. */
export const nodeToolKeys = {
  all: (nodeId: string) => [...nodeKeys.detail(nodeId), 'tools'] as const,
  metrics: (nodeId: string) => [...nodeToolKeys.all(nodeId), 'metrics'] as const,
  processes: (nodeId: string) => [...nodeToolKeys.all(nodeId), 'processes'] as const,
  directory: (nodeId: string, path: string) => [...nodeToolKeys.all(nodeId), 'directory', path] as const,
  file: (nodeId: string, path: string) => [...nodeToolKeys.all(nodeId), 'file', path] as const,
  osUsers: (nodeId: string) => [...nodeToolKeys.all(nodeId), 'os-users'] as const,
  // Keyed by the status too: a live status change (pushed over the socket) brings a fresh history.
  history: (nodeId: string, pingStatus: string) => [...nodeKeys.detail(nodeId), 'history', pingStatus] as const,
  diagnosis: (nodeId: string, pingStatus: string) => [...nodeKeys.detail(nodeId), 'diagnosis', pingStatus] as const,
};

// Live views fail for a reason worth reading (not connected, no access); retrying only delays it.
const live = { retry: false, refetchOnWindowFocus: false } as const;

export const nodeProcessesQuery = (nodeId: string) =>
  queryOptions({ queryKey: nodeToolKeys.processes(nodeId), queryFn: () => apiFetch<ProcessList>(`${base(nodeId)}/processes`), ...live });

export const nodeDirectoryQuery = (nodeId: string, path: string) =>
  queryOptions({
    queryKey: nodeToolKeys.directory(nodeId, path),
    queryFn: () => apiFetch<DirectoryListing>(`${base(nodeId)}/files?${new URLSearchParams({ path })}`),
    ...live,
  });

export const nodeFileQuery = (nodeId: string, path: string) =>
  queryOptions({
    queryKey: nodeToolKeys.file(nodeId, path),
    queryFn: () => apiFetch<NodeTextFile>(`${base(nodeId)}/files/content?${new URLSearchParams({ path })}`),
    // Every read is audited: read once per open, not again on focus or remount.
    staleTime: Infinity,
    gcTime: 0,
    ...live,
  });

export const nodeFileDownloadUrl = (nodeId: string, path: string) => `${base(nodeId)}/files/download?${new URLSearchParams({ path })}`;

export const nodeOsUsersQuery = (nodeId: string) =>
  queryOptions({ queryKey: nodeToolKeys.osUsers(nodeId), queryFn: () => apiFetch<OsUsers>(`${base(nodeId)}/os-users`), ...live });

export const nodeHistoryQuery = (nodeId: string, pingStatus: string) =>
  queryOptions({
    queryKey: nodeToolKeys.history(nodeId, pingStatus),
    queryFn: () => apiFetch<{ events: StatusEvent[]; nextBefore?: number }>(`${base(nodeId)}/history?limit=50`),
  });

export const nodeDiagnosisQuery = (nodeId: string, pingStatus: string) =>
  queryOptions({ queryKey: nodeToolKeys.diagnosis(nodeId, pingStatus), queryFn: () => apiFetch<NodeDiagnosisView>(`${base(nodeId)}/diagnosis`) });

export const METRICS_INTERVAL_MS = 3_000;
/** Two minutes of samples at the interval above. */
const METRICS_HISTORY = 40;

/**
 * Live samples while the Performance tab is mounted: each fetch appends to the series kept in
 * the cache. Polling pauses while the browser tab is hidden, stops on unmount (no observer left)
 * and after an error (the node went away; the tab remounts when its status changes).
 */
export function useNodeMetrics(nodeId: string) {
  const queryClient = useQueryClient();
  const queryKey = nodeToolKeys.metrics(nodeId);
  return useQuery({
    queryKey,
    queryFn: async () => {
      const { sample } = await apiFetch<{ sample: MetricsSample }>(`${base(nodeId)}/metrics`);
      const previous = queryClient.getQueryData<MetricsSample[]>(queryKey) ?? [];
      return [...previous, sample].slice(-METRICS_HISTORY);
    },
    refetchInterval: (query) => (query.state.status === 'error' ? false : METRICS_INTERVAL_MS),
    refetchIntervalInBackground: false,
    // A series from an earlier visit would draw a misleading line across the gap.
    gcTime: 0,
    ...live,
  });
}

function useNodeMutation<TInput>(nodeId: string, request: (input: TInput) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    // Tags change what this user may do here (policies match on them): fetch node and permissions again.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: nodeKeys.detail(nodeId), exact: true });
      void queryClient.invalidateQueries({ queryKey: nodeKeys.lists() });
    },
  });
}

export function useAddNodeTags(nodeId: string) {
  return useNodeMutation(nodeId, (tags: Record<string, string>) => apiFetch(`${base(nodeId)}/tags`, { method: 'PUT', json: { tags } }));
}

export function useRemoveNodeTags(nodeId: string) {
  return useNodeMutation(nodeId, (keys: string[]) => apiFetch(`${base(nodeId)}/tags`, { method: 'DELETE', json: { keys } }));
}

export function useUpdateNodeSettings(nodeId: string) {
  return useNodeMutation(nodeId, (settings: { region?: string | null; account?: string | null }) =>
    apiFetch(`${base(nodeId)}/settings`, { method: 'PATCH', json: settings }),
  );
}
