import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { describeAssociation, describeAssociationExecutions, describeAssociationExecutionTargets, describeAssociationTargets, listAssociationVersions } from '@/server/associations/service';
import type { AssociationSettingsInput, UpdateAssociationInput } from '@/server/associations/schemas';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

type Description = Awaited<ReturnType<typeof describeAssociation>>;
/** An association as the console API sends it: AWS's AssociationDescription, its schedule in words and next runs. */
export type Association = Jsonified<Description & { ScheduleDescription?: string; NextExecutionDates: Date[] }>;
export type AssociationExecution = Jsonified<Awaited<ReturnType<typeof describeAssociationExecutions>>['executions'][number]>;
export type ExecutionTarget = Jsonified<Awaited<ReturnType<typeof describeAssociationExecutionTargets>>['targets'][number]>;
export type AssociationVersion = Jsonified<Awaited<ReturnType<typeof listAssociationVersions>>['versions'][number]>;
export type NodeStatus = Jsonified<Awaited<ReturnType<typeof describeAssociationTargets>>[number]> & { InstanceName?: string };
export type { AssociationSettingsInput };
export type AssociationChanges = Omit<UpdateAssociationInput, 'associationId'>;

export interface AssociationListFilters {
  document: string;
  name: string;
  page: number;
}

export interface SchedulePreview {
  description?: string;
  next?: string[];
  error?: string;
}

export const ASSOCIATIONS_PAGE_SIZE = 25;
export const EXECUTIONS_PAGE_SIZE = 20;
/** "Live refresh every few seconds": runs start on schedules and on new nodes, not only from here. */
export const LIVE_INTERVAL_MS = 4000;

export const associationKeys = {
  all: ['associations'] as const,
  lists: () => [...associationKeys.all, 'list'] as const,
  list: (filters: AssociationListFilters) => [...associationKeys.lists(), filters] as const,
  association: (associationId: string) => [...associationKeys.all, 'association', associationId] as const,
  detail: (associationId: string) => [...associationKeys.association(associationId), 'detail'] as const,
  executions: (associationId: string, page: number) => [...associationKeys.association(associationId), 'executions', page] as const,
  executionTargets: (associationId: string, executionId: string) => [...associationKeys.association(associationId), 'execution-targets', executionId] as const,
  versions: (associationId: string) => [...associationKeys.association(associationId), 'versions'] as const,
  nodeStatuses: (associationId: string) => [...associationKeys.association(associationId), 'node-statuses'] as const,
  schedulePreview: (expression: string, offset: string) => [...associationKeys.all, 'schedule-preview', expression, offset] as const,
};

const associationPath = (associationId: string) => `/api/associations/${encodeURIComponent(associationId)}`;
export const associationHref = (associationId: string) => `/state-manager/${encodeURIComponent(associationId)}`;
export const editAssociationHref = (associationId: string) => `${associationHref(associationId)}/edit`;

/** A run still going (or about to) changes; the pages ask again while one is in view. */
export const isRunActive = (status: string) => status === 'Pending' || status === 'InProgress';

const retryUnlessMissing = (failures: number, error: unknown) => !(error instanceof ApiError && (error.status === 404 || error.status === 400)) && failures < 1;

export const associationListQuery = (filters: AssociationListFilters) =>
  queryOptions({
    queryKey: associationKeys.list(filters),
    queryFn: () => {
      const params = new URLSearchParams({ page: String(filters.page), pageSize: String(ASSOCIATIONS_PAGE_SIZE) });
      if (filters.document.trim()) params.set('document', filters.document.trim());
      if (filters.name.trim()) params.set('name', filters.name.trim());
      return apiFetch<{ associations: Association[]; hasMore: boolean }>(`/api/associations?${params}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const associationQuery = (associationId: string) =>
  queryOptions({
    queryKey: associationKeys.detail(associationId),
    queryFn: () => apiFetch<Association>(associationPath(associationId)),
    retry: retryUnlessMissing,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const executionsQuery = (associationId: string, page: number) =>
  queryOptions({
    queryKey: associationKeys.executions(associationId, page),
    queryFn: () => apiFetch<{ executions: AssociationExecution[]; hasMore: boolean }>(`${associationPath(associationId)}/executions?${new URLSearchParams({ page: String(page), pageSize: String(EXECUTIONS_PAGE_SIZE) })}`),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });

export const executionTargetsQuery = (associationId: string, executionId: string, isLive: boolean) =>
  queryOptions({
    queryKey: associationKeys.executionTargets(associationId, executionId),
    queryFn: () => apiFetch<{ targets: ExecutionTarget[]; hasMore: boolean }>(`${associationPath(associationId)}/executions/${encodeURIComponent(executionId)}/targets?pageSize=200`),
    refetchInterval: isLive ? LIVE_INTERVAL_MS : false,
  });

export const versionsQuery = (associationId: string) =>
  queryOptions({
    queryKey: associationKeys.versions(associationId),
    queryFn: () => apiFetch<{ versions: AssociationVersion[]; hasMore: boolean }>(`${associationPath(associationId)}/versions?pageSize=200`),
  });

export const nodeStatusesQuery = (associationId: string) =>
  queryOptions({
    queryKey: associationKeys.nodeStatuses(associationId),
    queryFn: () => apiFetch<{ targets: NodeStatus[] }>(`${associationPath(associationId)}/targets`),
    refetchInterval: LIVE_INTERVAL_MS,
  });

/** The schedule field's words and next five runs (the shared preview endpoint of every schedule field). */
export const schedulePreviewQuery = (expression: string, offset: string) =>
  queryOptions({
    queryKey: associationKeys.schedulePreview(expression, offset),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ expression });
      if (offset) params.set('offset', offset);
      return apiFetch<SchedulePreview>(`/api/schedules/preview?${params}`, { signal });
    },
    placeholderData: keepPreviousData,
    // "Next" moves with the clock; a minute is close enough for a form.
    staleTime: 60_000,
  });

export function useCreateAssociation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssociationSettingsInput) => apiFetch<Association>('/api/associations', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: associationKeys.lists() }),
  });
}

/** Every query of one association, and the lists it is in. */
function useInvalidateAssociation(associationId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: associationKeys.association(associationId) }), queryClient.invalidateQueries({ queryKey: associationKeys.lists() })]);
}

export function useUpdateAssociation(associationId: string) {
  const invalidate = useInvalidateAssociation(associationId);
  return useMutation({
    mutationFn: (changes: AssociationChanges) => apiFetch<Association>(associationPath(associationId), { method: 'PATCH', json: changes }),
    onSuccess: invalidate,
  });
}

export function useApplyAssociation(associationId: string) {
  const invalidate = useInvalidateAssociation(associationId);
  return useMutation({
    mutationFn: () => apiFetch<{ associationId: string }>(`${associationPath(associationId)}/run`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useDeleteAssociation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (associationId: string) => apiFetch<{ associationId: string }>(associationPath(associationId), { method: 'DELETE' }),
    onSuccess: (_result, associationId) => {
      queryClient.removeQueries({ queryKey: associationKeys.association(associationId) });
      return queryClient.invalidateQueries({ queryKey: associationKeys.lists() });
    },
  });
}
