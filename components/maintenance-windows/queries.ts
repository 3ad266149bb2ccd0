import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ExecutionDetail, WindowDetail, WindowSummary } from '@/server/maintenance-windows/console';
import type { CreateWindowInput, RegisterTargetInput, RegisterTaskInput, WindowExecutionView } from '@/server/maintenance-windows/service';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Window = Jsonified<WindowSummary>;
export type WindowWithParts = Jsonified<WindowDetail>;
export type Execution = Jsonified<WindowExecutionView>;
export type ExecutionWithTasks = Jsonified<ExecutionDetail>;
export type WindowSettings = Omit<CreateWindowInput, 'startDate' | 'endDate'> & { startDate?: string; endDate?: string };
export type NewTarget = Omit<RegisterTargetInput, 'windowId'>;
export type NewTask = Omit<RegisterTaskInput, 'windowId'>;

export interface ExecutionPage {
  executions: Execution[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SchedulePreview {
  description?: string;
  next?: string[];
  error?: string;
}

export const maintenanceWindowKeys = {
  all: ['maintenance-windows'] as const,
  list: () => [...maintenanceWindowKeys.all, 'list'] as const,
  detail: (windowId: string) => [...maintenanceWindowKeys.all, 'detail', windowId] as const,
  executions: (windowId: string, page: number) => [...maintenanceWindowKeys.all, 'executions', windowId, page] as const,
  execution: (executionId: string) => [...maintenanceWindowKeys.all, 'execution', executionId] as const,
  preview: (expression: string, timezone: string, offset: string) => ['schedules', 'preview', expression, timezone, offset] as const,
};

const windowPath = (windowId: string) => `/api/maintenance-windows/${encodeURIComponent(windowId)}`;
export const windowHref = (windowId: string) => `/maintenance-windows/${encodeURIComponent(windowId)}`;
export const executionHref = (windowId: string, executionId: string) => `${windowHref(windowId)}/executions/${encodeURIComponent(executionId)}`;

const notRetriedWhenMissing = (failures: number, error: Error) => !(error instanceof ApiError && error.status === 404) && failures < 1;
const isRunning = (status: string | undefined) => status === 'PENDING' || status === 'IN_PROGRESS' || status === 'CANCELLING';

export const windowListQuery = () =>
  queryOptions({
    queryKey: maintenanceWindowKeys.list(),
    queryFn: () => apiFetch<{ windows: Window[]; canCreate: boolean }>('/api/maintenance-windows'),
    // Next runs and last statuses move on their own.
    refetchInterval: 15_000,
  });

export const windowQuery = (windowId: string) =>
  queryOptions({ queryKey: maintenanceWindowKeys.detail(windowId), queryFn: () => apiFetch<WindowWithParts>(windowPath(windowId)), retry: notRetriedWhenMissing });

export const EXECUTIONS_PAGE_SIZE = 20;

export const executionsQuery = (windowId: string, page: number) =>
  queryOptions({
    queryKey: maintenanceWindowKeys.executions(windowId, page),
    queryFn: () => apiFetch<ExecutionPage>(`${windowPath(windowId)}/executions?page=${page}&pageSize=${EXECUTIONS_PAGE_SIZE}`),
    placeholderData: keepPreviousData,
    // An occurrence may come any time: the history looks often while the page is open.
    refetchInterval: (query) => (query.state.data?.executions.some((execution) => isRunning(execution.Status)) ? 2_000 : 5_000),
  });

export const executionQuery = (executionId: string) =>
  queryOptions({
    queryKey: maintenanceWindowKeys.execution(executionId),
    queryFn: () => apiFetch<ExecutionWithTasks>(`/api/maintenance-windows/executions/${encodeURIComponent(executionId)}`),
    retry: notRetriedWhenMissing,
    refetchInterval: (query) => (isRunning(query.state.data?.execution.Status) ? 2_000 : false),
  });

/** The schedule field's preview (GET /api/schedules/preview), shared with State Manager's form. */
export const schedulePreviewQuery = (expression: string, timezone: string, offset: string) =>
  queryOptions({
    queryKey: maintenanceWindowKeys.preview(expression, timezone, offset),
    queryFn: () => apiFetch<SchedulePreview>(`/api/schedules/preview?${new URLSearchParams({ expression, timezone, ...(offset ? { offset } : {}) })}`),
    enabled: expression.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export function useCreateWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WindowSettings) => apiFetch<{ windowId: string }>('/api/maintenance-windows', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceWindowKeys.list() }),
  });
}

export function useUpdateWindow(windowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WindowSettings & { enabled: boolean }) => apiFetch<unknown>(windowPath(windowId), { method: 'PUT', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceWindowKeys.all }),
  });
}

export function useDeleteWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (windowId: string) => apiFetch<{ windowId: string }>(windowPath(windowId), { method: 'DELETE' }),
    onSuccess: (_, windowId) => {
      queryClient.removeQueries({ queryKey: maintenanceWindowKeys.detail(windowId) });
      return queryClient.invalidateQueries({ queryKey: maintenanceWindowKeys.list() });
    },
  });
}

function usePartMutation<Input>(windowId: string, method: 'POST' | 'DELETE', pathOf: (input: Input) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => apiFetch<Record<string, string | undefined>>(pathOf(input), method === 'POST' ? { method, json: input } : { method }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceWindowKeys.detail(windowId) }),
  });
}

export const useRegisterTarget = (windowId: string) => usePartMutation<NewTarget>(windowId, 'POST', () => `${windowPath(windowId)}/targets`);
export const useDeregisterTarget = (windowId: string) => usePartMutation<string>(windowId, 'DELETE', (targetId) => `${windowPath(windowId)}/targets/${targetId}`);
export const useRegisterTask = (windowId: string) => usePartMutation<NewTask>(windowId, 'POST', () => `${windowPath(windowId)}/tasks`);
export const useDeregisterTask = (windowId: string) => usePartMutation<string>(windowId, 'DELETE', (taskId) => `${windowPath(windowId)}/tasks/${taskId}`);
