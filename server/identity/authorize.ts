import { and, eq, inArray, or } from 'drizzle-orm';
import { groupMembers, policies, policyAttachments } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { isSystemCaller, type Caller } from './caller';
import { evaluate, type EvaluationResult } from './evaluate';
import type { PolicyDocument } from './policy-document';
import { userArn } from './arn';

export interface AuthorizationRequest {
  action: string; // e.g. ssm:CreateActivation
  resource: string; // an ARN, or '*'
  /** Tags of the resource, for `ssm:resourceTag/<key>` conditions. */
  resourceTags?: Record<string, string>;
}

/** Every policy that applies to a user: attached to the user or to any of their groups. */
export async function loadPoliciesForUser(userId: string): Promise<{ name: string; document: PolicyDocument }[]> {
  const db = getDb();
  const memberships = db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId));
  return db
    .selectDistinct({ name: policies.name, document: policies.document })
    .from(policies)
    .innerJoin(policyAttachments, eq(policyAttachments.policyId, policies.id))
    .where(
      or(
        and(eq(policyAttachments.principalType, 'user'), eq(policyAttachments.principalId, userId)),
        and(eq(policyAttachments.principalType, 'group'), inArray(policyAttachments.principalId, memberships)),
      ),
    ) as Promise<{ name: string; document: PolicyDocument }[]>;
}

export function conditionContext(username: string, resourceTags: Record<string, string> = {}) {
  return {
    'aws:username': username,
    ...Object.fromEntries(Object.entries(resourceTags).map(([key, value]) => [`ssm:resourceTag/${key}`, value])),
  };
}

/** The one decision function: console, sockets and the SSM API all ask here. */
export async function decide(caller: Pick<Caller, 'userId' | 'username'>, request: AuthorizationRequest): Promise<EvaluationResult> {
  const attached = await loadPoliciesForUser(caller.userId);
  return evaluate({ action: request.action, resource: request.resource, context: conditionContext(caller.username, request.resourceTags) }, attached);
}

export async function isAllowed(caller: Caller, request: AuthorizationRequest): Promise<boolean> {
  return isSystemCaller(caller) || (await decide(caller, request)).decision === 'Allow';
}

/**
 * Many "may I?" answers for one caller (what a page should offer), with the caller's policies
 * read once instead of once per question.
 */
export async function allowedActions<Key extends string>(caller: Caller, requests: Record<Key, AuthorizationRequest>): Promise<Record<Key, boolean>> {
  const attached = isSystemCaller(caller) ? [] : await loadPoliciesForUser(caller.userId);
  const answer = (request: AuthorizationRequest) =>
    isSystemCaller(caller) ||
    evaluate({ action: request.action, resource: request.resource, context: conditionContext(caller.username, request.resourceTags) }, attached).decision === 'Allow';
  return Object.fromEntries(Object.entries<AuthorizationRequest>(requests).map(([key, request]) => [key, answer(request)])) as Record<Key, boolean>;
}

/** Throws AWS's AccessDeniedException, worded as IAM words it, unless a policy allows the request. */
export async function authorize(caller: Caller, request: AuthorizationRequest): Promise<void> {
  if (isSystemCaller(caller)) return;
  const result = await decide(caller, request);
  if (result.decision !== 'Allow') throw accessDenied(caller, request, result);
}

/**
 * authorize() for many resources at once (a command to a thousand nodes, each with its tags):
 * the policies are read once; the first request refused is the one the error names.
 */
export async function authorizeEach(caller: Caller, requests: AuthorizationRequest[]): Promise<void> {
  if (isSystemCaller(caller) || requests.length === 0) return;
  const attached = await loadPoliciesForUser(caller.userId);
  for (const request of requests) {
    const result = evaluate({ action: request.action, resource: request.resource, context: conditionContext(caller.username, request.resourceTags) }, attached);
    if (result.decision !== 'Allow') throw accessDenied(caller, request, result);
  }
}

function accessDenied(caller: Caller, request: AuthorizationRequest, result: EvaluationResult): OpsdeckError {
  const principal = userArn(getServerContext().accountId, caller.username);
  const reason =
    result.decision === 'ExplicitDeny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${request.action} action`;
  return new OpsdeckError(
    'AccessDeniedException',
    `User: ${principal} is not authorized to perform: ${request.action} on resource: ${request.resource} ${reason}`,
    400,
  );
}
