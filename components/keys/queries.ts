import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AliasView, CreateKeyInput, KeyDetail, KeyList, KeyView } from '@/server/keys';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Key = Jsonified<KeyView>;
export type KeyWithDetail = Jsonified<KeyDetail>;
export type Alias = Jsonified<AliasView>;
export type { CreateKeyInput };

export const keyKeys = {
  all: ['keys'] as const,
  list: () => [...keyKeys.all, 'list'] as const,
  detail: (keyId: string) => [...keyKeys.all, 'detail', keyId] as const,
};

const keyPath = (keyId: string) => `/api/keys/${encodeURIComponent(keyId)}`;
export const keyHref = (keyId: string) => `/keys/${encodeURIComponent(keyId)}`;
// Each segment of alias/prod/db is encoded on its own; the route joins them back.
const aliasPath = (aliasName: string) => `/api/keys/aliases/${aliasName.split('/').map(encodeURIComponent).join('/')}`;

export const keyListQuery = () => queryOptions({ queryKey: keyKeys.list(), queryFn: () => apiFetch<Jsonified<KeyList>>('/api/keys') });

export const keyQuery = (keyId: string) =>
  queryOptions({
    queryKey: keyKeys.detail(keyId),
    queryFn: () => apiFetch<KeyWithDetail>(keyPath(keyId)),
    // A deleted or mistyped key will not appear by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 1,
  });

export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateKeyInput) => apiFetch<Key>('/api/keys', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyKeys.list() }),
  });
}

/** One mutation per key change; each refreshes the key and the list it appears in. */
function useKeyMutation<Variables>(request: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyKeys.all }),
  });
}

export const useUpdateKeyDescription = (keyId: string) =>
  useKeyMutation((description: string) => apiFetch<Key>(keyPath(keyId), { method: 'PATCH', json: { description } }));

export type KeyStateChange = 'enable' | 'disable' | 'cancel-deletion' | 'rotate';
export const useKeyStateChange = (keyId: string) =>
  useKeyMutation((change: KeyStateChange) => apiFetch<Key>(`${keyPath(keyId)}/${change}`, { method: 'POST' }));

export const useScheduleKeyDeletion = (keyId: string) =>
  useKeyMutation((pendingWindowInDays: number) => apiFetch<Key>(`${keyPath(keyId)}/schedule-deletion`, { method: 'POST', json: { pendingWindowInDays } }));

/** A period turns automatic rotation on (or changes it); null turns it off. */
export const useSetKeyRotation = (keyId: string) =>
  useKeyMutation((rotationPeriodInDays: number | null) =>
    rotationPeriodInDays === null
      ? apiFetch<Key>(`${keyPath(keyId)}/rotation`, { method: 'DELETE' })
      : apiFetch<Key>(`${keyPath(keyId)}/rotation`, { method: 'PUT', json: { rotationPeriodInDays } }),
  );

export const useCreateAlias = (keyId: string) =>
  useKeyMutation((aliasName: string) => apiFetch<Alias>('/api/keys/aliases', { method: 'POST', json: { aliasName, targetKeyId: keyId } }));

export const useDeleteAlias = () => useKeyMutation((aliasName: string) => apiFetch<{ aliasName: string }>(aliasPath(aliasName), { method: 'DELETE' }));
