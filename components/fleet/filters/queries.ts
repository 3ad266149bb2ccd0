import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SavedFilterView } from '@/server/fleet/saved-filters';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type SavedFilter = Jsonified<SavedFilterView>;

export const savedFilterKeys = { all: ['saved-filters'] as const };

/** The signed-in user's own saved Fleet Manager filters. */
export const savedFiltersQuery = () =>
  queryOptions({
    queryKey: savedFilterKeys.all,
    queryFn: () => apiFetch<{ savedFilters: SavedFilter[] }>('/api/saved-filters').then((body) => body.savedFilters),
  });

export function useCreateSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; query: string }) => apiFetch<{ savedFilter: SavedFilter }>('/api/saved-filters', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFilterKeys.all }),
  });
}

export function useDeleteSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/saved-filters/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFilterKeys.all }),
  });
}
