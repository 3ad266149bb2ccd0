import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActivationView } from '@/server/activations/service';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';

export type Activation = Jsonified<ActivationView>;
export interface NewActivation {
  description: string;
  defaultInstanceName?: string;
  registrationLimit: number;
  expirationDate?: string;
  tags: Record<string, string>;
  region?: string;
  account?: string;
}
export interface CreatedActivation {
  activationId: string;
  activationCode: string;
}

export const activationKeys = { all: ['activations'] as const };

export const activationListQuery = () =>
  queryOptions({
    queryKey: activationKeys.all,
    queryFn: () => apiFetch<{ activations: Activation[]; hasMore: boolean }>('/api/activations'),
  });

export function useCreateActivation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewActivation) => apiFetch<CreatedActivation>('/api/activations', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: activationKeys.all }),
  });
}

export function useDeleteActivation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activationId: string) => apiFetch(`/api/activations/${activationId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: activationKeys.all }),
  });
}
