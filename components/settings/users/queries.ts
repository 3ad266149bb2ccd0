import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/components/lib/api-client';
import { iamKeys, segment } from '../keys';

export interface User {
  userId: string;
  username: string;
  createdAt: string;
  groups: string[];
  policies: string[];
  activeAccessKeys: number;
}

export interface AccessKey {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  username: string;
  status: 'Active';
}

export interface ConsoleSession {
  sessionId: string;
  createdAt: string;
  expiresAt: string;
  sourceIp: string | null;
  userAgent: string | null;
}

const userPath = (username: string) => `/api/iam/users/${segment(username)}`;

export const userListQuery = () =>
  queryOptions({
    queryKey: iamKeys.userList(),
    queryFn: () => apiFetch<{ users: User[] }>('/api/iam/users').then((body) => body.users),
  });

export const accessKeysQuery = (username: string) =>
  queryOptions({
    queryKey: iamKeys.accessKeys(username),
    queryFn: () => apiFetch<{ accessKeys: AccessKey[] }>(`${userPath(username)}/access-keys`).then((body) => body.accessKeys),
  });

export const sessionsQuery = (username: string) =>
  queryOptions({
    queryKey: iamKeys.sessions(username),
    queryFn: () => apiFetch<{ sessions: ConsoleSession[] }>(`${userPath(username)}/sessions`).then((body) => body.sessions),
  });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => apiFetch<{ username: string }>('/api/iam/users', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.userList() }),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => apiFetch(userPath(username), { method: 'DELETE' }),
    // Group member lists name the user too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.all }),
  });
}

export function useSetPassword(username: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => apiFetch(userPath(username), { method: 'PATCH', json: { password } }),
    // A new password ends the user's console sessions.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.sessions(username) }),
  });
}

function useAccessKeyMutation<T, V>(username: string, mutationFn: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: iamKeys.accessKeys(username) }),
        queryClient.invalidateQueries({ queryKey: iamKeys.userList() }),
      ]),
  });
}

export const useCreateAccessKey = (username: string) =>
  useAccessKeyMutation(username, () => apiFetch<CreatedAccessKey>(`${userPath(username)}/access-keys`, { method: 'POST' }));

export const useUpdateAccessKey = (username: string) =>
  useAccessKeyMutation(username, ({ accessKeyId, status }: { accessKeyId: string; status: AccessKey['status'] }) =>
    apiFetch(`${userPath(username)}/access-keys/${segment(accessKeyId)}`, { method: 'PATCH', json: { status } }),
  );

export const useDeleteAccessKey = (username: string) =>
  useAccessKeyMutation(username, (accessKeyId: string) => apiFetch(`${userPath(username)}/access-keys/${segment(accessKeyId)}`, { method: 'DELETE' }));

/** Ends one console session, or all of them when no id is given. */
export function useRevokeSessions(username: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId?: string) =>
      apiFetch<{ revoked: number }>(`${userPath(username)}/sessions${sessionId ? `?${new URLSearchParams({ sessionId })}` : ''}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.sessions(username) }),
  });
}
