import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { policies, policyAttachments, PRINCIPAL_TYPES } from '@/db/schema';
import { ALL, writeAndInvalidate } from '@/server/cache/invalidation';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, notFound } from '@/server/errors';
import { policyArn } from './arn';
import { POLICY_TOPIC } from './cache-topics';
import type { Caller } from './caller';
import { findGroupByName } from './groups';
import { policyNameSchema } from './names';
import { formatPolicyError, parsePolicyDocument, type PolicyError } from './policy-document';
import { perform } from './perform';
import { findUserByName } from './users';

export const policyInput = z.object({
  name: policyNameSchema,
  description: z.string().trim().max(1000).default(''),
  // The document as the operator typed it, so errors can point at its lines.
  document: z.string().min(1, 'the policy document is empty').max(6144, 'a policy document may have at most 6,144 characters'),
});

export const attachmentInput = z.object({
  policyName: policyNameSchema,
  principalType: z.enum(PRINCIPAL_TYPES),
  principalName: z.string().trim().min(1),
});

/** AWS's error for a bad document; `errors` carries line and column for the console's editor. */
export class MalformedPolicyDocument extends OpsdeckError {
  constructor(readonly errors: PolicyError[]) {
    super('MalformedPolicyDocument', errors.map(formatPolicyError).join('; '), 400);
  }
}

const arnOf = (name: string) => policyArn(getServerContext().accountId, name);

function parseOrThrow(text: string) {
  const parsed = parsePolicyDocument(text);
  if (!parsed.ok) throw new MalformedPolicyDocument(parsed.errors);
  return parsed.document;
}

export async function findPolicyByName(name: string) {
  const [policy] = await getDb().select().from(policies).where(eq(policies.name, name));
  if (!policy) throw notFound('NoSuchEntity', `the policy ${name} cannot be found`);
  return policy;
}

export async function listPolicies(caller: Caller) {
  return perform(caller, { name: 'ListPolicies', iamAction: 'iam:ListPolicies', isAudited: false }, () =>
    getDb().select().from(policies).orderBy(policies.isBuiltin, policies.name),
  );
}

export async function createPolicy(caller: Caller, input: z.input<typeof policyInput>) {
  const parsed = policyInput.parse(input);
  return perform(caller, { name: 'CreatePolicy', iamAction: 'iam:CreatePolicy', resources: [arnOf(parsed.name)], parameters: parsed }, async () => {
    const document = parseOrThrow(parsed.document);
    // No invalidation: a new policy is attached to no one yet.
    const [created] = await getDb()
      .insert(policies)
      .values({ name: parsed.name, description: parsed.description, document })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new OpsdeckError('EntityAlreadyExists', `a policy named ${parsed.name} already exists`, 409);
    return created;
  });
}

export async function updatePolicy(caller: Caller, input: z.input<typeof policyInput>) {
  const parsed = policyInput.parse(input);
  return perform(caller, { name: 'CreatePolicyVersion', iamAction: 'iam:CreatePolicyVersion', resources: [arnOf(parsed.name)], parameters: parsed }, async () => {
    const existing = await findPolicyByName(parsed.name);
    if (existing.isBuiltin) throw new OpsdeckError('UnmodifiableEntity', `${parsed.name} is built in and cannot be changed; copy it instead`, 400);
    const document = parseOrThrow(parsed.document);
    // Every user the policy reaches, directly or through a group: simplest to drop them all.
    const [updated] = await writeAndInvalidate(getDb(), POLICY_TOPIC, [ALL], (tx) =>
      tx.update(policies).set({ description: parsed.description, document, updatedAt: new Date() }).where(eq(policies.id, existing.id)).returning(),
    );
    return updated!;
  });
}

export async function deletePolicy(caller: Caller, name: string) {
  return perform(caller, { name: 'DeletePolicy', iamAction: 'iam:DeletePolicy', resources: [arnOf(name)], parameters: { name } }, async () => {
    const policy = await findPolicyByName(name);
    if (policy.isBuiltin) throw new OpsdeckError('UnmodifiableEntity', `${name} is built in and cannot be deleted`, 400);
    await writeAndInvalidate(getDb(), POLICY_TOPIC, [ALL], (tx) => tx.delete(policies).where(eq(policies.id, policy.id)));
  });
}

async function principalIdOf(type: 'user' | 'group', name: string): Promise<string> {
  return type === 'user' ? (await findUserByName(name)).id : (await findGroupByName(name)).id;
}

/** Whose cached policies an attachment change reaches: the user, or (a group's members) everyone. */
function affectedUsers(type: 'user' | 'group', principalId: string): string[] {
  return type === 'user' ? [principalId] : [ALL];
}

export async function attachPolicy(caller: Caller, input: z.input<typeof attachmentInput>) {
  const parsed = attachmentInput.parse(input);
  const operation = parsed.principalType === 'user' ? 'AttachUserPolicy' : 'AttachGroupPolicy';
  return perform(caller, { name: operation, iamAction: `iam:${operation}`, resources: [arnOf(parsed.policyName)], parameters: parsed }, async () => {
    const [policy, principalId] = await Promise.all([findPolicyByName(parsed.policyName), principalIdOf(parsed.principalType, parsed.principalName)]);
    await writeAndInvalidate(getDb(), POLICY_TOPIC, affectedUsers(parsed.principalType, principalId), (tx) =>
      tx.insert(policyAttachments).values({ policyId: policy.id, principalType: parsed.principalType, principalId }).onConflictDoNothing(),
    );
  });
}

export async function detachPolicy(caller: Caller, input: z.input<typeof attachmentInput>) {
  const parsed = attachmentInput.parse(input);
  const operation = parsed.principalType === 'user' ? 'DetachUserPolicy' : 'DetachGroupPolicy';
  return perform(caller, { name: operation, iamAction: `iam:${operation}`, resources: [arnOf(parsed.policyName)], parameters: parsed }, async () => {
    const [policy, principalId] = await Promise.all([findPolicyByName(parsed.policyName), principalIdOf(parsed.principalType, parsed.principalName)]);
    // Revocation: refused from the caller's next request on this replica, and at commit on the others.
    await writeAndInvalidate(getDb(), POLICY_TOPIC, affectedUsers(parsed.principalType, principalId), (tx) =>
      tx
        .delete(policyAttachments)
        .where(and(eq(policyAttachments.policyId, policy.id), eq(policyAttachments.principalType, parsed.principalType), eq(policyAttachments.principalId, principalId))),
    );
  });
}
