import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommandDetail, CommandView, InvocationView } from '@/server/runcommand/service';
import type { SendCommandInput } from '@/server/runcommand/schemas';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Command = Jsonified<CommandView>;
export type Invocation = Jsonified<InvocationView>;
export type CommandPage = Jsonified<CommandDetail>;
export type { SendCommandInput };

export interface CommandListFilters {
  status: string;
  document: string;
  page: number;
}

export const COMMANDS_PAGE_SIZE = 25;
export const RESULTS_PAGE_SIZE = 50;
/** The most node ids one command takes (AWS's InstanceIds and a Targets InstanceIds value list). */
export const MAX_INSTANCE_IDS = 50;

export const commandKeys = {
  all: ['commands'] as const,
  lists: () => [...commandKeys.all, 'list'] as const,
  list: (filters: CommandListFilters) => [...commandKeys.lists(), filters] as const,
  command: (commandId: string) => [...commandKeys.all, 'command', commandId] as const,
  detail: (commandId: string) => [...commandKeys.command(commandId), 'detail'] as const,
  invocations: (commandId: string, status: string, page: number) => [...commandKeys.command(commandId), 'invocations', status, page] as const,
  allInvocations: (commandId: string) => [...commandKeys.command(commandId), 'all-invocations'] as const,
  output: (commandId: string, nodeId: string, plugin: number) => [...commandKeys.command(commandId), 'output', nodeId, plugin] as const,
  /** Which nodes some Targets select now; keyed by the targets as JSON. */
  targetPreview: (targets: string) => [...commandKeys.all, 'target-preview', targets] as const,
};

const commandPath = (commandId: string) => `/api/commands/${encodeURIComponent(commandId)}`;
export const commandHref = (commandId: string) => `/run-command/${encodeURIComponent(commandId)}`;
export const commandExportHref = (commandId: string) => `${commandPath(commandId)}/export`;
export const outputDownloadHref = (commandId: string, nodeId: string, plugin: number, stream: 'stdout' | 'stderr') =>
  `${commandPath(commandId)}/output?${new URLSearchParams({ node: nodeId, plugin: String(plugin), download: stream })}`;

/** A finished command no longer changes; a running one is refetched when the server says so. */
export const isCommandDone = (command: Pick<Command, 'CompletedDateTime'>) => Boolean(command.CompletedDateTime);

export const commandListQuery = (filters: CommandListFilters) =>
  queryOptions({
    queryKey: commandKeys.list(filters),
    queryFn: () => {
      const params = new URLSearchParams({ page: String(filters.page), pageSize: String(COMMANDS_PAGE_SIZE) });
      if (filters.status) params.set('status', filters.status);
      if (filters.document.trim()) params.set('document', filters.document.trim());
      return apiFetch<{ commands: Command[]; hasMore: boolean }>(`/api/commands?${params}`);
    },
    placeholderData: keepPreviousData,
  });

export const commandDetailQuery = (commandId: string) =>
  queryOptions({
    queryKey: commandKeys.detail(commandId),
    queryFn: () => apiFetch<CommandPage>(commandPath(commandId)),
    retry: (failures, error) => !(error instanceof ApiError && error.code === 'InvalidCommandId') && failures < 1,
  });

export const invocationsQuery = (commandId: string, status: string, page: number) =>
  queryOptions({
    queryKey: commandKeys.invocations(commandId, status, page),
    queryFn: () => {
      const params = new URLSearchParams({ page: String(page), pageSize: String(RESULTS_PAGE_SIZE), details: 'true' });
      if (status) params.set('status', status);
      return apiFetch<{ invocations: Invocation[]; hasMore: boolean }>(`${commandPath(commandId)}/invocations?${params}`);
    },
    placeholderData: keepPreviousData,
  });

/** Grouping reads at most this many results (ten pages of 1,000). */
export const GROUPING_LIMIT = 10_000;

/** Every result with its first 2,500 characters of output, for grouping identical outputs. */
export const allInvocationsQuery = (commandId: string) =>
  queryOptions({
    queryKey: commandKeys.allInvocations(commandId),
    queryFn: async () => {
      const invocations: Invocation[] = [];
      for (let page = 1; invocations.length < GROUPING_LIMIT; page += 1) {
        const batch = await apiFetch<{ invocations: Invocation[]; hasMore: boolean }>(`${commandPath(commandId)}/invocations?${new URLSearchParams({ page: String(page), pageSize: '1000', details: 'true' })}`);
        invocations.push(...batch.invocations);
        if (!batch.hasMore) return { invocations, isPartial: false };
      }
      return { invocations, isPartial: true };
    },
    placeholderData: keepPreviousData,
  });

export interface FullOutput {
  stepName: string;
  stdout: Uint8Array;
  stderr: Uint8Array;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Every byte one node's step wrote so far (as bytes, so live chunks can be placed after them by offset). */
export const fullOutputQuery = (commandId: string, nodeId: string, plugin: number) =>
  queryOptions({
    queryKey: commandKeys.output(commandId, nodeId, plugin),
    queryFn: async (): Promise<FullOutput> => {
      const body = await apiFetch<{ stepName: string; stdout: string; stderr: string }>(`${commandPath(commandId)}/output?${new URLSearchParams({ node: nodeId, plugin: String(plugin) })}`);
      return { stepName: body.stepName, stdout: fromBase64(body.stdout), stderr: fromBase64(body.stderr) };
    },
  });

export function useSendCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SendCommandInput) => apiFetch<Command>('/api/commands', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commandKeys.lists() }),
  });
}

export function useCancelCommand(commandId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ commandId: string }>(`${commandPath(commandId)}/cancel`, { method: 'POST' }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: commandKeys.command(commandId) }), queryClient.invalidateQueries({ queryKey: commandKeys.lists() })]),
  });
}

/**
 * Sends the command's document, version, parameters and limits again, as one command, to the nodes
 * where it did not succeed.
 */
export function useRerunOnFailed(command: Command) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Command>(`${commandPath(command.CommandId)}/rerun`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commandKeys.lists() }),
  });
}
