import { and, eq, inArray, or } from 'drizzle-orm';
import { groupMembers, policies, policyAttachments } from '@/db/schema';
import { InvalidatingCache } from '@/server/cache/invalidation';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { isSystemCaller, type Caller } from './caller';
import { evaluate, type EvaluationResult } from './evaluate';
import type { PolicyDocument } from './policy-document';
import { userArn } from './arn';
import { POLICY_TOPIC } from './cache-topics';

export interface AuthorizationRequest {
  action: string; // e.g. ssm:CreateActivation
  resource: string; // an ARN, or '*'
  /** Tags of the resource, for `ssm:resourceTag/<key>` conditions. */
  resourceTags?: Record<string, string>;
}

type AttachedPolicy = { readonly name: string; readonly document: PolicyDocument };

/**
 * Each user's effective policies, read once and then kept until a writer invalidates them through
 * POLICY_TOPIC: policy documents, attachments, group membership and user deletion all do
 * (policies.ts, groups.ts, users.ts), on this replica before the write returns and on the others
 * by NOTIFY at commit. So a revoked permission is refused from the next request on. The lists
 * are frozen because every caller shares them.
 */
const policiesByUser = new InvalidatingCache<readonly AttachedPolicy[]>(POLICY_TOPIC, { max: 10_000, ttlMs: 10 * 60_000 });

/** Every policy that applies to a user: attached to the user or to any of their groups. */
export function loadPoliciesForUser(userId: string): Promise<readonly AttachedPolicy[]> {
  return policiesByUser.get(userId, async () => deepFreeze(await queryPoliciesForUser(userId)));
}

async function queryPoliciesForUser(userId: string): Promise<AttachedPolicy[]> {
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
    ) as Promise<AttachedPolicy[]>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

export function conditionContext(username: string, resourceTags: Record<string, string> = {}) {
  return {
    'aws:username': username,
    ...Object.fromEntries(Object.entries(resourceTags).map(([key, value]) => [`ssm:resourceTag/${key}`, value])),
  };
}

function evaluateRequest(attached: readonly AttachedPolicy[], username: string, request: AuthorizationRequest): EvaluationResult {
  return evaluate({ action: request.action, resource: request.resource, context: conditionContext(username, request.resourceTags) }, attached);
}

/**
 * Answers already worked out against one cached policy list. The list is replaced, not changed,
 * when its user's policies change, so the answers go with it; the cap bounds a user who asks
 * about many resources.
 */
const decisionsByPolicies = new WeakMap<readonly AttachedPolicy[], Map<string, EvaluationResult>>();
const MAX_DECISIONS_PER_USER = 1000;

/** evaluate() for the questions a caller asks again and again (the same API call, the same page). */
function evaluateRemembered(attached: readonly AttachedPolicy[], username: string, request: AuthorizationRequest): EvaluationResult {
  const tags = request.resourceTags && Object.keys(request.resourceTags).length > 0 ? JSON.stringify(request.resourceTags) : '';
  // Every input of the evaluation is in the key: policy variables use the username, conditions the tags.
  const key = `${username}\n${request.action}\n${request.resource}\n${tags}`;
  let decisions = decisionsByPolicies.get(attached);
  if (!decisions) decisionsByPolicies.set(attached, (decisions = new Map()));
  const known = decisions.get(key);
  if (known) return known;
  const result = deepFreeze(evaluateRequest(attached, username, request));
  if (decisions.size >= MAX_DECISIONS_PER_USER) decisions.clear();
  decisions.set(key, result);
  return result;
}

/** The one decision function: console, sockets and the SSM API all ask here. */
export async function decide(caller: Pick<Caller, 'userId' | 'username'>, request: AuthorizationRequest): Promise<EvaluationResult> {
  return evaluateRemembered(await loadPoliciesForUser(caller.userId), caller.username, request);
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
  const answer = (request: AuthorizationRequest) => isSystemCaller(caller) || evaluateRemembered(attached, caller.username, request).decision === 'Allow';
  return Object.fromEntries(Object.entries<AuthorizationRequest>(requests).map(([key, request]) => [key, answer(request)])) as Record<Key, boolean>;
}

const ALLOWED: Promise<void> = Promise.resolve();

/**
 * Rejects with AWS's AccessDeniedException, worded as IAM words it, unless a policy allows the
 * request. Every API call comes here, so with the caller's policies in memory it answers without
 * making a promise of its own.
 */
export function authorize(caller: Caller, request: AuthorizationRequest): Promise<void> {
  if (isSystemCaller(caller)) return ALLOWED;
  try {
    const attached = policiesByUser.peek(caller.userId);
    if (attached) return settle(caller, request, evaluateRemembered(attached, caller.username, request));
  } catch (error) {
    return Promise.reject(error as Error); // callers chain .then on it: never throw synchronously
  }
  return decide(caller, request).then((result) => settle(caller, request, result));
}

function settle(caller: Caller, request: AuthorizationRequest, result: EvaluationResult): Promise<void> {
  return result.decision === 'Allow' ? ALLOWED : Promise.reject(accessDenied(caller, request, result));
}

/**
 * authorize() for many resources at once (a command to a thousand nodes, each with its tags):
 * the policies are read once; the first request refused is the one the error names.
 */
export async function authorizeEach(caller: Caller, requests: AuthorizationRequest[]): Promise<void> {
  if (isSystemCaller(caller) || requests.length === 0) return;
  const attached = await loadPoliciesForUser(caller.userId);
  // Not remembered: a fan-out asks about each resource once.
  for (const request of requests) {
    const result = evaluateRequest(attached, caller.username, request);
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
