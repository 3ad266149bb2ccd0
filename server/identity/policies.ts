import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { policies, policyAttachments, PRINCIPAL_TYPES } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, notFound } from '@/server/errors';
import { policyArn } from './arn';
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
    const [updated] = await getDb()
      .update(policies)
      .set({ description: parsed.description, document, updatedAt: new Date() })
      .where(eq(policies.id, existing.id))
      .returning();
    return updated!;
  });
}

export async function deletePolicy(caller: Caller, name: string) {
  return perform(caller, { name: 'DeletePolicy', iamAction: 'iam:DeletePolicy', resources: [arnOf(name)], parameters: { name } }, async () => {
    const policy = await findPolicyByName(name);
    if (policy.isBuiltin) throw new OpsdeckError('UnmodifiableEntity', `${name} is built in and cannot be deleted`, 400);
    await getDb().delete(policies).where(eq(policies.id, policy.id));
  });
}

async function principalIdOf(type: 'user' | 'group', name: string): Promise<string> {
  return type === 'user' ? (await findUserByName(name)).id : (await findGroupByName(name)).id;
}

export async function attachPolicy(caller: Caller, input: z.input<typeof attachmentInput>) {
  const parsed = attachmentInput.parse(input);
  const operation = parsed.principalType === 'user' ? 'AttachUserPolicy' : 'AttachGroupPolicy';
  return perform(caller, { name: operation, iamAction: `iam:${operation}`, resources: [arnOf(parsed.policyName)], parameters: parsed }, async () => {
    const [policy, principalId] = await Promise.all([findPolicyByName(parsed.policyName), principalIdOf(parsed.principalType, parsed.principalName)]);
    await getDb().insert(policyAttachments).values({ policyId: policy.id, principalType: parsed.principalType, principalId }).onConflictDoNothing();
  });
}

export async function detachPolicy(caller: Caller, input: z.input<typeof attachmentInput>) {
  const parsed = attachmentInput.parse(input);
  const operation = parsed.principalType === 'user' ? 'DetachUserPolicy' : 'DetachGroupPolicy';
  return perform(caller, { name: operation, iamAction: `iam:${operation}`, resources: [arnOf(parsed.policyName)], parameters: parsed }, async () => {
    const [policy, principalId] = await Promise.all([findPolicyByName(parsed.policyName), principalIdOf(parsed.principalType, parsed.principalName)]);
    await getDb()
      .delete(policyAttachments)
      .where(and(eq(policyAttachments.policyId, policy.id), eq(policyAttachments.principalType, parsed.principalType), eq(policyAttachments.principalId, principalId)));
  });
}
