import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/components/lib/api-client';
import { iamKeys, segment } from '../keys';

export interface Group {
  groupId: string;
  name: string;
  description: string;
  createdAt: string;
  members: string[];
  policies: string[];
}

const groupPath = (name: string) => `/api/iam/groups/${segment(name)}`;

export const groupListQuery = () =>
  queryOptions({
    queryKey: iamKeys.groupList(),
    queryFn: () => apiFetch<{ groups: Group[] }>('/api/iam/groups').then((body) => body.groups),
  });

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description: string }) => apiFetch<Group>('/api/iam/groups', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.groupList() }),
  });
}

/** Membership shows on both sides: the group's members and the user's groups. */
function useMembershipChange<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: iamKeys.groupList() }),
        queryClient.invalidateQueries({ queryKey: iamKeys.userList() }),
      ]),
  });
}

export const useDeleteGroup = () => useMembershipChange((name: string) => apiFetch(groupPath(name), { method: 'DELETE' }));

export const useAddGroupMember = () =>
  useMembershipChange(({ group, username }: { group: string; username: string }) =>
    apiFetch(`${groupPath(group)}/members`, { method: 'POST', json: { username } }),
  );

export const useRemoveGroupMember = () =>
  useMembershipChange(({ group, username }: { group: string; username: string }) =>
    apiFetch(`${groupPath(group)}/members?${new URLSearchParams({ username })}`, { method: 'DELETE' }),
  );
