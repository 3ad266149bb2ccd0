import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { activations, type Activation } from '@/db/schema';
import { tagsSchema } from '@/agent/protocol';
import { getDb, getServerContext } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { activationArn } from '@/server/identity/arn';
import { newToken, hashToken } from '@/server/auth/tokens';
import { OpsdeckError, notFound } from '@/server/errors';

const MAX_EXPIRY_DAYS = 30; // AWS caps activation expiry at 30 days

/** Region/account labels an operator gives nodes (e.g. eu-west-1, dc-frankfurt, 123456789012). */
export const siteLabel = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `the ${what} is empty`)
    .max(64, `the ${what} may have at most 64 characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, `the ${what} may contain letters, digits and _ . : - only`);

export const createActivationInput = z.object({
  description: z.string().trim().max(256, 'the description may have at most 256 characters').default(''),
  defaultInstanceName: z
    .string()
    .trim()
    .max(256)
    .regex(/^[A-Za-z0-9_.-]*$/, 'the default instance name may contain letters, digits and _ . - only')
    .optional()
    .transform((name) => name || undefined),
  iamRole: z.string().trim().max(64, 'the IAM role name may have at most 64 characters').optional(),
  registrationLimit: z.coerce
    .number()
    .int('the registration limit is a whole number')
    .min(1, 'the registration limit is at least 1')
    .max(1000, 'the registration limit is at most 1000')
    .default(1),
  expirationDate: z.coerce
    .date({ message: 'the expiration date is not a date' })
    .optional()
    .refine((date) => !date || date.getTime() > Date.now(), 'the expiration date must be in the future')
    .refine(
      (date) => !date || date.getTime() <= Date.now() + MAX_EXPIRY_DAYS * 86_400_000,
      `the expiration date may be at most ${MAX_EXPIRY_DAYS} days away`,
    ),
  tags: tagsSchema.default({}),
  region: siteLabel('region').optional(),
  account: siteLabel('account').optional(),
});
export type CreateActivationInput = z.input<typeof createActivationInput>;

export interface ActivationView {
  activationId: string;
  description: string;
  defaultInstanceName: string | null;
  iamRole: string | null;
  registrationLimit: number;
  registrationsCount: number;
  expirationDate: Date;
  isExpired: boolean;
  tags: Record<string, string>;
  region: string | null;
  account: string | null;
  createdDate: Date;
}

export function toActivationView(row: Activation): ActivationView {
  return {
    activationId: row.id,
    description: row.description,
    defaultInstanceName: row.defaultInstanceName,
    iamRole: row.iamRole,
    registrationLimit: row.registrationLimit,
    registrationsCount: row.registrationsCount,
    expirationDate: row.expiresAt,
    isExpired: row.expiresAt.getTime() <= Date.now(),
    tags: row.tags,
    region: row.region,
    account: row.account,
    createdDate: row.createdAt,
  };
}

/** Creates an activation and returns its code: the only time the code is ever shown. */
export async function createActivation(caller: Caller, input: CreateActivationInput) {
  const parsed = createActivationInput.parse(input);
  return perform(caller, { name: 'CreateActivation', iamAction: 'ssm:CreateActivation', parameters: parsed }, async () => {
    const activationCode = newToken(15); // 20 characters, like AWS's codes
    const [row] = await getDb()
      .insert(activations)
      .values({
        codeHash: hashToken(activationCode),
        description: parsed.description,
        defaultInstanceName: parsed.defaultInstanceName,
        iamRole: parsed.iamRole,
        registrationLimit: parsed.registrationLimit,
        expiresAt: parsed.expirationDate ?? new Date(Date.now() + 86_400_000),
        tags: parsed.tags,
        region: parsed.region,
        account: parsed.account,
        createdBy: caller.source === 'system' ? null : caller.userId,
      })
      .returning();
    return { activationId: row!.id, activationCode, activation: toActivationView(row!) };
  });
}

export const listActivationsInput = z.object({
  activationIds: z.array(z.string().uuid('an activation id is a UUID')).max(50).optional(),
  defaultInstanceNames: z.array(z.string()).max(50).optional(),
  iamRoles: z.array(z.string()).max(50).optional(),
  limit: z.number().int().min(1).max(50).default(50),
  offset: z.number().int().min(0).default(0),
});

export async function listActivations(caller: Caller, input: z.input<typeof listActivationsInput> = {}) {
  const parsed = listActivationsInput.parse(input);
  return perform(caller, { name: 'DescribeActivations', iamAction: 'ssm:DescribeActivations', parameters: input, isAudited: false }, async () => {
    const where = and(
      parsed.activationIds ? inArray(activations.id, parsed.activationIds) : undefined,
      parsed.defaultInstanceNames ? inArray(activations.defaultInstanceName, parsed.defaultInstanceNames) : undefined,
      parsed.iamRoles ? inArray(activations.iamRole, parsed.iamRoles) : undefined,
    );
    const rows = await getDb()
      .select()
      .from(activations)
      .where(where)
      .orderBy(desc(activations.createdAt), asc(activations.id))
      .limit(parsed.limit + 1)
      .offset(parsed.offset);
    return { activations: rows.slice(0, parsed.limit).map(toActivationView), hasMore: rows.length > parsed.limit };
  });
}

export async function deleteActivation(caller: Caller, activationId: string): Promise<void> {
  const { region, accountId } = getServerContext();
  return perform(
    caller,
    { name: 'DeleteActivation', iamAction: 'ssm:DeleteActivation', resources: [activationArn(region, accountId, activationId)], parameters: { activationId } },
    async () => {
      if (!z.string().uuid().safeParse(activationId).success) {
        throw notFound('InvalidActivationId', `activation id '${activationId}' is not a valid activation id`);
      }
      const deleted = await getDb().delete(activations).where(eq(activations.id, activationId)).returning();
      if (deleted.length === 0) {
        throw notFound('InvalidActivation', `activation '${activationId}' does not exist`);
      }
    },
  );
}

/**
 * Claims one registration slot of an activation, inside the caller's transaction, with the row
 * locked so two agents registering at once cannot both take the last slot.
 */
export async function claimActivation(
  tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0],
  activationId: string,
  activationCode: string,
): Promise<Activation> {
  const [row] = await tx.select().from(activations).where(eq(activations.id, activationId)).for('update');
  if (!row || hashToken(activationCode) !== row.codeHash) {
    throw new OpsdeckError('InvalidActivation', 'the activation code or id is not valid', 400);
  }
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new OpsdeckError('InvalidActivation', `activation ${activationId} expired on ${row.expiresAt.toISOString()}`);
  }
  if (row.registrationsCount >= row.registrationLimit) {
    throw new OpsdeckError(
      'InvalidActivation',
      `activation ${activationId} has reached its registration limit of ${row.registrationLimit}`,
    );
  }
  await tx
    .update(activations)
    .set({ registrationsCount: sql`${activations.registrationsCount} + 1` })
    .where(eq(activations.id, activationId));
  return row;
}
