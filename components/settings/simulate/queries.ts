import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/components/lib/api-client';

export interface SimulationInput {
  username: string;
  action: string;
  resource: string;
  resourceTags: Record<string, string>;
}

export interface SimulationResult extends SimulationInput {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  matchedStatement?: { policyName: string; sid?: string; index: number; effect: 'Allow' | 'Deny' };
}

/** A question, not a change: nothing is cached or invalidated. */
export function useSimulation() {
  return useMutation({
    mutationFn: (input: SimulationInput) => apiFetch<SimulationResult>('/api/iam/simulate', { method: 'POST', json: input }),
  });
}
