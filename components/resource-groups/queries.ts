import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResourceGroupDetail, ResourceGroupList, ResourceGroupView } from '@/server/resource-groups/service';
import type { CreateResourceGroupInput, UpdateResourceGroupInput } from '@/server/resource-groups/schemas';
import type { Node } from '@/components/fleet/queries';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type ResourceGroup = Jsonified<ResourceGroupView>;
export type ResourceGroupWithPermissions = Jsonified<ResourceGroupDetail>;
export type { CreateResourceGroupInput, UpdateResourceGroupInput };
/** One page of a group's members (GET /api/resource-groups/:name/members). */
export interface GroupMembers {
  nodes: Node[];
  total: number;
}

export const resourceGroupKeys = {
  all: ['resource-groups'] as const,
  list: () => [...resourceGroupKeys.all, 'list'] as const,
  detail: (name: string) => [...resourceGroupKeys.all, 'detail', name] as const,
  members: (name: string, page: number) => [...resourceGroupKeys.all, 'members', name, page] as const,
};

const groupPath = (name: string) => `/api/resource-groups/${encodeURIComponent(name)}`;
export const groupHref = (name: string) => `/resource-groups/${encodeURIComponent(name)}`;

export const MEMBERS_PAGE_SIZE = 50;

export const resourceGroupListQuery = () =>
  queryOptions({ queryKey: resourceGroupKeys.list(), queryFn: () => apiFetch<Jsonified<ResourceGroupList>>('/api/resource-groups') });

export const resourceGroupQuery = (name: string) =>
  queryOptions({
    queryKey: resourceGroupKeys.detail(name),
    queryFn: () => apiFetch<ResourceGroupWithPermissions>(groupPath(name)),
    // A deleted or mistyped group will not appear by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 1,
  });

export const groupMembersQuery = (name: string, page: number) =>
  queryOptions({
    queryKey: resourceGroupKeys.members(name, page),
    queryFn: () => apiFetch<GroupMembers>(`${groupPath(name)}/members?${new URLSearchParams({ page: String(page), pageSize: String(MEMBERS_PAGE_SIZE) })}`),
    placeholderData: keepPreviousData,
  });

export function useCreateResourceGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateResourceGroupInput) => apiFetch<ResourceGroup>('/api/resource-groups', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceGroupKeys.list() }),
  });
}

export function useUpdateResourceGroup(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateResourceGroupInput) => apiFetch<ResourceGroup>(groupPath(name), { method: 'PUT', json: input }),
    // The definition, the count and the members all change with it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceGroupKeys.all }),
  });
}

export function useDeleteResourceGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<{ name: string }>(groupPath(name), { method: 'DELETE' }),
    onSuccess: (_, name) => {
      queryClient.removeQueries({ queryKey: resourceGroupKeys.detail(name) });
      return queryClient.invalidateQueries({ queryKey: resourceGroupKeys.list() });
    },
  });
}
