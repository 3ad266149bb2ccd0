import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsolePermissions } from '@/server/identity/console-permissions';
import { apiFetch } from '@/components/lib/api-client';

export type { ConsolePermissions };
export type Permission = keyof ConsolePermissions;

export interface Me {
  username: string;
  permissions: ConsolePermissions;
}

export const meKeys = { all: ['me'] as const };

export const meQuery = () =>
  queryOptions({
    queryKey: meKeys.all,
    queryFn: () => apiFetch<Me>('/api/me'),
    // Policies change rarely; the server refuses anyway when the console is out of date.
    staleTime: 60_000,
  });

/**
 * What the signed-in user may do, for showing or hiding controls. `can` is false until the
 * answer arrives, so nothing is offered that might be refused.
 */
export function usePermissions() {
  const { data, error, isPending } = useQuery(meQuery());
  const can = (...anyOf: Permission[]) => anyOf.some((permission) => data?.permissions[permission] === true);
  return { permissions: data?.permissions, can, isPending, error };
}
