import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ExecutionSummaryView, ExecutionView, StepExecutionView } from '@/server/automation/views';
import type { DryRunInput, DryRunResult, StartExecutionInput } from '@/server/automation/service';
import type { SignalType } from '@/server/automation/schemas';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Execution = Jsonified<ExecutionView>;
export type ExecutionSummary = Jsonified<ExecutionSummaryView>;
export type StepExecution = Jsonified<StepExecutionView>;
export type { DryRunInput, DryRunResult, SignalType, StartExecutionInput };

export interface ExecutionListFilters {
  status: string;
  document: string;
  executedBy: string;
  parent: string;
  page: number;
}

export interface ExecutionList {
  executions: ExecutionSummary[];
  hasMore: boolean;
  total: number;
}

export const EXECUTIONS_PAGE_SIZE = 25;
export const CHILDREN_PAGE_SIZE = 50;

/** The statuses an execution or a step can have, in the order the filters list them. */
export const AUTOMATION_STATUS_OPTIONS = ['Pending', 'InProgress', 'Waiting', 'Success', 'Failed', 'TimedOut', 'Cancelling', 'Cancelled'] as const;

/** AWS's terminal execution statuses: nothing changes after them, so polling stops. */
export const TERMINAL_STATUSES: readonly string[] = ['Success', 'TimedOut', 'Cancelled', 'Failed'];
export const isTerminal = (status: string) => TERMINAL_STATUSES.includes(status);

/** How often a page with something still running asks again. */
export const LIVE_INTERVAL_MS = 1000;
export const LIST_INTERVAL_MS = 3000;

export const automationKeys = {
  all: ['automation'] as const,
  lists: () => [...automationKeys.all, 'list'] as const,
  list: (filters: ExecutionListFilters, pageSize: number) => [...automationKeys.lists(), filters, pageSize] as const,
  execution: (executionId: string) => [...automationKeys.all, 'execution', executionId] as const,
};

const executionPath = (executionId: string) => `/api/automation/executions/${encodeURIComponent(executionId)}`;
export const executionHref = (executionId: string) => `/automation/${encodeURIComponent(executionId)}`;

const retryUnlessMissing = (failures: number, error: unknown) =>
  !(error instanceof ApiError && (error.status === 404 || error.status === 400 || error.code === 'AutomationExecutionNotFoundException')) && failures < 1;

export const executionListQuery = (filters: ExecutionListFilters, pageSize = EXECUTIONS_PAGE_SIZE) =>
  queryOptions({
    queryKey: automationKeys.list(filters, pageSize),
    queryFn: () => {
      const params = new URLSearchParams({ page: String(filters.page), pageSize: String(pageSize) });
      if (filters.status) params.set('status', filters.status);
      if (filters.document.trim()) params.set('document', filters.document.trim());
      if (filters.executedBy.trim()) params.set('executedBy', filters.executedBy.trim());
      if (filters.parent) params.set('parent', filters.parent);
      return apiFetch<ExecutionList>(`/api/automation/executions?${params}`);
    },
    placeholderData: keepPreviousData,
    // Asked again while anything shown can still change.
    refetchInterval: (query) => (query.state.data?.executions.some((execution) => !isTerminal(execution.AutomationExecutionStatus)) ? LIST_INTERVAL_MS : false),
  });

export const executionQuery = (executionId: string) =>
  queryOptions({
    queryKey: automationKeys.execution(executionId),
    queryFn: () => apiFetch<Execution>(executionPath(executionId)),
    retry: retryUnlessMissing,
    // Every second until it ends: steps move fast and approvals wait on people watching this page.
    refetchInterval: (query) => (query.state.data && isTerminal(query.state.data.AutomationExecutionStatus) ? false : LIVE_INTERVAL_MS),
  });

/** A dry run is asked for with a button, on the text as it is then: a mutation, nothing cached. */
export function useDryRun() {
  return useMutation({ mutationFn: (input: DryRunInput) => apiFetch<DryRunResult>('/api/automation/dry-run', { method: 'POST', json: input }) });
}

export function useStartExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartExecutionInput) => apiFetch<{ executionId: string }>('/api/automation/executions', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.lists() }),
  });
}

/** After anything done to an execution: it, and every list it may be in (a parent's children too). */
function useInvalidateExecution(executionId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: automationKeys.execution(executionId) }), queryClient.invalidateQueries({ queryKey: automationKeys.lists() })]);
}

export function useSendSignal(executionId: string) {
  const invalidate = useInvalidateExecution(executionId);
  return useMutation({
    mutationFn: (input: { signalType: SignalType; payload?: Record<string, string[]> }) =>
      apiFetch<{ executionId: string }>(`${executionPath(executionId)}/signal`, { method: 'POST', json: input }),
    onSuccess: invalidate,
  });
}

export function useStopExecution(executionId: string) {
  const invalidate = useInvalidateExecution(executionId);
  return useMutation({
    mutationFn: (type: 'Cancel' | 'Complete') => apiFetch<{ executionId: string }>(`${executionPath(executionId)}/stop`, { method: 'POST', json: { type } }),
    onSuccess: invalidate,
  });
}

export function useRerunExecution(executionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fromStepName: string | undefined) => apiFetch<{ executionId: string }>(`${executionPath(executionId)}/rerun`, { method: 'POST', json: fromStepName ? { fromStepName } : {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.lists() }),
  });
}
