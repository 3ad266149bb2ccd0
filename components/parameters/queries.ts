import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { KeyChoice, ParameterDetail as ServerParameterDetail, ParameterMetadata } from '@/server/parameters/console';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';
import type { ParameterType, TierChoice } from './value-rules';

export type ParameterSummary = Jsonified<ParameterMetadata>;
export type ParameterDetail = Jsonified<ServerParameterDetail>;
export type { KeyChoice };

/** The list's filters; they live in the URL. */
export interface ParameterListFilters {
  path: string;
  isRecursive: boolean;
  type: string;
  tier: string;
  label: string;
  tag: string;
  search: string;
}

export interface ParameterPage {
  Parameters: ParameterSummary[];
  NextToken?: string;
}

export interface PathChild {
  path: string;
  parameterCount: number;
}

export interface HistoryVersion extends Omit<ParameterSummary, 'ARN'> {
  /** null for a SecureString read without decryption. */
  Value: string | null;
  Labels: string[];
}

export interface PolicyEvent {
  id: number;
  time: string;
  detailType: string;
  detail: Record<string, unknown>;
}

/** PutParameter's input as the console sends it (Overwrite is the route's to set). */
export interface ParameterInput {
  Name: string;
  Value: string;
  Type?: ParameterType;
  Description?: string;
  KeyId?: string;
  AllowedPattern?: string;
  Tags?: { Key: string; Value: string }[];
  Tier?: TierChoice;
  Policies?: string;
  DataType?: string;
}

export const PARAMETERS_PAGE_SIZE = 25;

/** A name search looks at every level below the path: a match one level down should not hide. */
export const isSearchingBelow = (filters: ParameterListFilters) => filters.isRecursive || filters.search.trim() !== '';

export const parameterKeys = {
  all: ['parameters'] as const,
  lists: () => [...parameterKeys.all, 'list'] as const,
  list: (filters: ParameterListFilters, nextToken: string | undefined) => [...parameterKeys.lists(), filters, nextToken ?? ''] as const,
  tree: (path: string) => [...parameterKeys.all, 'tree', path] as const,
  search: (text: string) => [...parameterKeys.all, 'search', text] as const,
  detail: (name: string) => [...parameterKeys.all, 'detail', name] as const,
  history: (name: string, isDecrypted: boolean) => [...parameterKeys.all, 'history', name, isDecrypted] as const,
  events: (name: string) => [...parameterKeys.all, 'events', name] as const,
  keyChoices: () => [...parameterKeys.all, 'key-choices'] as const,
};

/** Parameter names hold slashes, so pages and routes take them in the query string. */
export const parameterHref = (name: string, tab?: string) => `/parameters/view?${new URLSearchParams({ name, ...(tab ? { tab } : {}) })}`;
export const editParameterHref = (name: string) => `/parameters/edit?${new URLSearchParams({ name })}`;
export const pathHref = (path: string) => (path === '/' ? '/parameters' : `/parameters?${new URLSearchParams({ path })}`);
const withName = (route: string, name: string, extra: Record<string, string> = {}) => `/api/parameters/${route}?${new URLSearchParams({ name, ...extra })}`;

/** A deleted or mistyped parameter will not appear by asking again. */
const retryUnlessMissing = (failures: number, error: unknown) => !(error instanceof ApiError && error.code === 'ParameterNotFound') && failures < 1;

export const parameterListQuery = (filters: ParameterListFilters, nextToken: string | undefined) =>
  queryOptions({
    queryKey: parameterKeys.list(filters, nextToken),
    queryFn: () => {
      const params = new URLSearchParams({ path: filters.path, recursive: isSearchingBelow(filters) ? '1' : '0', pageSize: String(PARAMETERS_PAGE_SIZE) });
      for (const [key, value] of [['type', filters.type], ['tier', filters.tier], ['label', filters.label.trim()], ['tag', filters.tag.trim()], ['q', filters.search.trim()]] as const) {
        if (value) params.set(key, value);
      }
      if (nextToken) params.set('nextToken', nextToken);
      return apiFetch<ParameterPage>(`/api/parameters?${params}`);
    },
    placeholderData: keepPreviousData,
  });

export const pathChildrenQuery = (path: string) =>
  queryOptions({ queryKey: parameterKeys.tree(path), queryFn: () => apiFetch<{ children: PathChild[] }>(`/api/parameters/tree?${new URLSearchParams({ path })}`) });

export const nameSearchQuery = (text: string) =>
  queryOptions({
    queryKey: parameterKeys.search(text),
    queryFn: () => apiFetch<{ names: string[]; isTruncated: boolean }>(`/api/parameters/search?${new URLSearchParams({ q: text })}`),
    placeholderData: keepPreviousData,
  });

export const parameterDetailQuery = (name: string) =>
  queryOptions({ queryKey: parameterKeys.detail(name), queryFn: () => apiFetch<ParameterDetail>(withName('detail', name)), retry: retryUnlessMissing });

/**
 * Every kept version (at most 100, so two pages). Decrypted history is read only when asked for,
 * is audited, and is not kept once nobody shows it.
 */
export const parameterHistoryQuery = (name: string, isDecrypted: boolean) =>
  queryOptions({
    queryKey: parameterKeys.history(name, isDecrypted),
    queryFn: async () => {
      const versions: HistoryVersion[] = [];
      let nextToken: string | undefined;
      do {
        const page = await apiFetch<{ Parameters: HistoryVersion[]; NextToken?: string }>(
          withName('history', name, { ...(isDecrypted ? { decrypt: '1' } : {}), ...(nextToken ? { nextToken } : {}) }),
        );
        versions.push(...page.Parameters);
        nextToken = page.NextToken;
      } while (nextToken);
      return versions.reverse();
    },
    ...(isDecrypted ? { gcTime: 0, staleTime: Infinity } : {}),
  });

export const policyEventsQuery = (name: string) =>
  queryOptions({ queryKey: parameterKeys.events(name), queryFn: () => apiFetch<{ events: PolicyEvent[] }>(withName('events', name)) });

export const keyChoicesQuery = () =>
  queryOptions({ queryKey: parameterKeys.keyChoices(), queryFn: () => apiFetch<{ keys: KeyChoice[] }>('/api/parameters/keys'), staleTime: 60_000, retry: false });

/** The decrypting read behind "Show": each call is one audited GetParameter. */
export function useRevealValue(name: string) {
  return useMutation({
    mutationFn: () => apiFetch<{ Parameter: { Value: string; Version: number } }>(withName('value', name, { decrypt: '1' })).then((result) => result.Parameter),
  });
}

/** Decrypted history is read again only when someone asks: a refetch would be another audited decrypt. */
const isDecryptedHistory = (queryKey: readonly unknown[]) => queryKey[1] === 'history' && queryKey[3] === true;

function useInvalidateParameters() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: parameterKeys.all, predicate: (query) => !isDecryptedHistory(query.queryKey) });
}

function useParameterMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const invalidate = useInvalidateParameters();
  return useMutation({ mutationFn, onSuccess: invalidate });
}

export const useCreateParameter = () =>
  useParameterMutation((input: ParameterInput) => apiFetch<{ Version: number; Tier: string }>('/api/parameters', { method: 'POST', json: input }));

export const useUpdateParameter = () =>
  useParameterMutation((input: ParameterInput) => apiFetch<{ Version: number; Tier: string }>('/api/parameters', { method: 'PUT', json: input }));

export function useDeleteParameter() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateParameters();
  return useMutation({
    mutationFn: (name: string) => apiFetch<Record<string, never>>(`/api/parameters?${new URLSearchParams({ name })}`, { method: 'DELETE' }),
    onSuccess: (_, name) => {
      queryClient.removeQueries({ queryKey: parameterKeys.detail(name) });
      queryClient.removeQueries({ queryKey: parameterKeys.history(name, true) });
      return invalidate();
    },
  });
}

export const useLabelVersion = (name: string) =>
  useParameterMutation((input: { version: number; labels: string[] }) =>
    apiFetch<{ InvalidLabels: string[]; ParameterVersion: number }>('/api/parameters/labels', { method: 'POST', json: { Name: name, ParameterVersion: input.version, Labels: input.labels } }),
  );

export const useUnlabelVersion = (name: string) =>
  useParameterMutation((input: { version: number; labels: string[] }) =>
    apiFetch<{ RemovedLabels: string[]; InvalidLabels: string[] }>('/api/parameters/labels', { method: 'DELETE', json: { Name: name, ParameterVersion: input.version, Labels: input.labels } }),
  );

export const useAddParameterTags = (name: string) =>
  useParameterMutation((tags: Record<string, string>) => apiFetch<{ tags: Record<string, string> }>('/api/parameters/tags', { method: 'POST', json: { name, tags } }));

export const useRemoveParameterTags = (name: string) =>
  useParameterMutation((keys: string[]) => {
    const params = new URLSearchParams({ name });
    for (const key of keys) params.append('key', key);
    return apiFetch<{ tags: Record<string, string> }>(`/api/parameters/tags?${params}`, { method: 'DELETE' });
  });
