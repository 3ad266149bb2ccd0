import { z } from 'zod';
import { tagsSchema } from '@/agent/protocol';

/** The AWS managed key's alias: the key SSM uses for SecureString when no KeyId is given. */
export const DEFAULT_KEY_ALIAS = 'alias/aws/ssm';
/** Aliases under this prefix belong to AWS managed keys; people cannot create, move or delete them. */
export const RESERVED_ALIAS_PREFIX = 'alias/aws/';

// KMS's alias rules: `alias/` then letters, digits, / _ -, 256 characters in all.
export const aliasNameSchema = z
  .string()
  .trim()
  .min(1, 'the alias name is required')
  .max(256, 'an alias name has at most 256 characters')
  .refine((name) => name.startsWith('alias/'), "an alias name begins with 'alias/', e.g. alias/prod-db")
  .refine((name) => /^alias\/[a-zA-Z0-9/_-]+$/.test(name), "after 'alias/' an alias name may contain letters, digits, / _ and - only");

export const keyRefSchema = z.string().trim().min(1, 'a key id, key ARN, alias name or alias ARN is required').max(2048);

const descriptionSchema = z.string().max(8192, 'a key description has at most 8,192 characters');

export const createKeyInput = z.strictObject({
  description: descriptionSchema.default(''),
  tags: tagsSchema.default({}),
  /** Created with the key, in one step, as the KMS console does. */
  alias: aliasNameSchema.optional(),
});
export type CreateKeyInput = z.input<typeof createKeyInput>;

export const updateKeyDescriptionInput = z.strictObject({ description: descriptionSchema });
export type UpdateKeyDescriptionInput = z.input<typeof updateKeyDescriptionInput>;

// KMS: 7 to 30 days of waiting, 30 when not given.
export const scheduleKeyDeletionInput = z.strictObject({
  pendingWindowInDays: z
    .number({ error: 'the waiting period is a whole number of days' })
    .int('the waiting period is a whole number of days')
    .min(7, 'the waiting period is at least 7 days')
    .max(30, 'the waiting period is at most 30 days')
    .default(30),
});
export type ScheduleKeyDeletionInput = z.input<typeof scheduleKeyDeletionInput>;

// KMS: automatic rotation every 90 to 2560 days, 365 when not given.
export const enableKeyRotationInput = z.strictObject({
  rotationPeriodInDays: z
    .number({ error: 'the rotation period is a whole number of days' })
    .int('the rotation period is a whole number of days')
    .min(90, 'the rotation period is at least 90 days')
    .max(2560, 'the rotation period is at most 2560 days')
    .default(365),
});
export type EnableKeyRotationInput = z.input<typeof enableKeyRotationInput>;

export const aliasInput = z.strictObject({ aliasName: aliasNameSchema, targetKeyId: keyRefSchema });
export type AliasInput = z.input<typeof aliasInput>;
