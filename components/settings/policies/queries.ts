import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, ApiError } from '@/components/lib/api-client';
import { iamKeys, segment } from '../keys';
import type { PolicyError } from '@/server/identity/policy-document';

export interface Policy {
  id: string;
  name: string;
  description: string;
  document: unknown;
  isBuiltin: boolean;
  createdAt: string;
  updatedAt: string;
}

// Where the server found a problem in a policy document: the parser's own type, so the editor's
// underlining cannot drift from what the server reports.
export type { PolicyError };

export type PrincipalType = 'user' | 'group';
export interface Attachment {
  policyName: string;
  principalType: PrincipalType;
  principalName: string;
}

/** A refused document: the server's message plus, when it could place them, line-precise errors. */
export class PolicyDocumentError extends ApiError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly errors: PolicyError[],
  ) {
    super(code, message, status);
  }
}

// apiFetch keeps only __type and message; the editor needs the `errors` list too.
async function sendPolicy(path: string, method: 'POST' | 'PUT', body: { name?: string; description: string; document: string }): Promise<Policy> {
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => ({}))) as Partial<Policy> & { __type?: string; message?: string; errors?: PolicyError[] };
  if (response.status === 401) window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  if (!response.ok) {
    throw new PolicyDocumentError(json.__type ?? 'Error', json.message ?? `request failed (${response.status})`, response.status, json.errors ?? []);
  }
  return json as Policy;
}

export const policyListQuery = () =>
  queryOptions({
    queryKey: iamKeys.policyList(),
    queryFn: () => apiFetch<{ policies: Policy[] }>('/api/iam/policies').then((body) => body.policies),
  });

export function useCreatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description: string; document: string }) => sendPolicy('/api/iam/policies', 'POST', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.policies() }),
  });
}

export function useUpdatePolicy(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { description: string; document: string }) => sendPolicy(`/api/iam/policies/${segment(name)}`, 'PUT', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.policies() }),
  });
}

export function useDeletePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch(`/api/iam/policies/${segment(name)}`, { method: 'DELETE' }),
    // Users and groups list the policies attached to them.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iamKeys.all }),
  });
}

function useAttachmentChange(method: 'POST' | 'DELETE') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachment: Attachment) => apiFetch('/api/iam/attachments', { method, json: attachment }),
    onSuccess: (_result, { principalType }) =>
      queryClient.invalidateQueries({ queryKey: principalType === 'user' ? iamKeys.userList() : iamKeys.groupList() }),
  });
}

export const useAttachPolicy = () => useAttachmentChange('POST');
export const useDetachPolicy = () => useAttachmentChange('DELETE');
