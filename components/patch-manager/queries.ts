import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatchState } from '@/agent/protocol';
import type { PatchOperatingSystem } from '@/db/schema';
import type { BaselineIdentity, BaselineView } from '@/server/patch-manager/baselines';
import type { EffectivePatchView } from '@/server/patch-manager/catalogue-views';
import type { FleetFilter, FleetPatchNode, PatchSummary } from '@/server/patch-manager/dashboard';
import type { InstancePatchStateView, PatchComplianceView } from '@/server/patch-manager/instance-states';
import type { PatchNowInput, PatchNowResult } from '@/server/patch-manager/patch-now';
import type { CreateBaselineInput } from '@/server/patch-manager/schemas';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type PatchNode = Jsonified<FleetPatchNode>;
export type Baseline = Jsonified<BaselineView>;
export type BaselineSummary = Jsonified<BaselineIdentity>;
export type NodePatch = Jsonified<PatchComplianceView>;
export type NodePatchState = Jsonified<InstancePatchStateView>;
export type EffectivePatch = Jsonified<EffectivePatchView>;
export type { FleetFilter, PatchNowInput, PatchNowResult, PatchSummary, CreateBaselineInput, PatchOperatingSystem };
export type BaselineSettings = Omit<CreateBaselineInput, 'OperatingSystem' | 'Tags' | 'ClientToken'>;
export interface PatchGroupMapping {
  PatchGroup: string;
  BaselineIdentity: BaselineSummary;
}

export const PAGE_SIZE = 25;
// A copy of agent/protocol's list: that module reaches node-only code the browser cannot load.
export const PATCH_STATE_NAMES = ['Installed', 'InstalledOther', 'InstalledPendingReboot', 'InstalledRejected', 'Missing', 'Failed', 'NotApplicable'] as const satisfies readonly PatchState[];
/** Scans and installs report from the nodes; the dashboard asks again every few seconds. */
export const LIVE_INTERVAL_MS = 4000;

export const patchKeys = {
  all: ['patch-manager'] as const,
  summary: () => [...patchKeys.all, 'summary'] as const,
  nodes: (filter: FleetFilter, page: number) => [...patchKeys.all, 'nodes', filter, page] as const,
  node: (nodeId: string, state: PatchState | '', page: number) => [...patchKeys.all, 'node', nodeId, state, page] as const,
  baselines: () => [...patchKeys.all, 'baselines'] as const,
  baselineList: (page: number) => [...patchKeys.baselines(), 'list', page] as const,
  baseline: (baselineId: string) => [...patchKeys.baselines(), 'detail', baselineId] as const,
  effective: (baselineId: string, page: number) => [...patchKeys.baselines(), 'effective', baselineId, page] as const,
  groups: () => [...patchKeys.all, 'groups'] as const,
};

export const baselineHref = (baselineId: string) => `/patch-manager/baselines/${encodeURIComponent(baselineId)}`;
export const nodePatchesHref = (nodeId: string) => `/patch-manager/nodes/${encodeURIComponent(nodeId)}`;
export const commandHref = (commandId: string) => `/run-command/${encodeURIComponent(commandId)}`;
const baselinePath = (baselineId: string) => `/api/patch-manager/baselines/${encodeURIComponent(baselineId)}`;

function filterParams(filter: FleetFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.compliance) params.set('compliance', filter.compliance);
  if (filter.platformName) params.set('platformName', filter.platformName);
  if (filter.patchGroup) params.set('patchGroup', filter.patchGroup);
  return params;
}

export const summaryQuery = () =>
  queryOptions({ queryKey: patchKeys.summary(), queryFn: () => apiFetch<PatchSummary>('/api/patch-manager/summary'), refetchInterval: LIVE_INTERVAL_MS });

export const nodesQuery = (filter: FleetFilter, page: number) =>
  queryOptions({
    queryKey: patchKeys.nodes(filter, page),
    queryFn: () => {
      const params = filterParams(filter);
      params.set('page', String(page));
      params.set('pageSize', String(PAGE_SIZE));
      return apiFetch<{ nodes: PatchNode[]; hasMore: boolean }>(`/api/patch-manager/nodes?${params}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const nodePatchesQuery = (nodeId: string, state: PatchState | '', page: number) =>
  queryOptions({
    queryKey: patchKeys.node(nodeId, state, page),
    queryFn: () => {
      const params = new URLSearchParams({ page: String(page), pageSize: '50' });
      if (state) params.set('state', state);
      return apiFetch<{ state: NodePatchState | null; patches: NodePatch[]; hasMore: boolean }>(`/api/patch-manager/nodes/${encodeURIComponent(nodeId)}?${params}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const baselinesQuery = (page: number) =>
  queryOptions({
    queryKey: patchKeys.baselineList(page),
    queryFn: () => apiFetch<{ baselines: BaselineSummary[]; hasMore: boolean }>(`/api/patch-manager/baselines?page=${page}&pageSize=50`),
    placeholderData: keepPreviousData,
  });

/** Every baseline at once, for pickers (a few dozen at most in practice). */
export const allBaselinesQuery = () =>
  queryOptions({ queryKey: patchKeys.baselineList(0), queryFn: () => apiFetch<{ baselines: BaselineSummary[] }>('/api/patch-manager/baselines?pageSize=200') });

export const baselineQuery = (baselineId: string) => queryOptions({ queryKey: patchKeys.baseline(baselineId), queryFn: () => apiFetch<Baseline>(baselinePath(baselineId)) });

export const effectivePatchesQuery = (baselineId: string, page: number) =>
  queryOptions({
    queryKey: patchKeys.effective(baselineId, page),
    queryFn: () => apiFetch<{ patches: EffectivePatch[]; hasMore: boolean }>(`${baselinePath(baselineId)}/effective?page=${page}&pageSize=50`),
    placeholderData: keepPreviousData,
  });

export const patchGroupsQuery = () =>
  queryOptions({ queryKey: patchKeys.groups(), queryFn: () => apiFetch<{ mappings: PatchGroupMapping[]; hasMore: boolean }>('/api/patch-manager/patch-groups?pageSize=200') });

export function usePatchNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PatchNowInput) => apiFetch<PatchNowResult>('/api/patch-manager/patch-now', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.all }),
  });
}

export function useCreateBaseline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateBaselineInput) => apiFetch<{ BaselineId: string }>('/api/patch-manager/baselines', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.baselines() }),
  });
}

export function useUpdateBaseline(baselineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BaselineSettings) => apiFetch<Baseline>(baselinePath(baselineId), { method: 'PUT', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.baselines() }),
  });
}

export function useDeleteBaseline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (baselineId: string) => apiFetch<{ BaselineId: string }>(baselinePath(baselineId), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.baselines() }),
  });
}

export function useSetDefaultBaseline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (baselineId: string) => apiFetch<{ BaselineId: string }>(`${baselinePath(baselineId)}/default`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.all }),
  });
}

export function usePatchGroupRegistration(method: 'POST' | 'DELETE') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { baselineId: string; patchGroup: string }) => apiFetch<{ BaselineId: string; PatchGroup: string }>('/api/patch-manager/patch-groups', { method, json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.all }),
  });
}
