import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { keyAliases, keyVersions, keys } from '@/db/schema';
import { getDb } from '@/server/context';
import { keyArn } from './arn';
import { addDays } from './lifecycle';
import { newKeyMaterial, wrapKeyMaterial } from './material';
import { DEFAULT_KEY_ALIAS } from './schemas';

// AWS's own words for the aws/ssm key.
const DEFAULT_KEY_DESCRIPTION = 'Default key that protects my SSM parameters when no other key is defined';
// AWS managed keys rotate every year, and nobody can change that.
const DEFAULT_ROTATION_DAYS = 365;

/**
 * The AWS managed key behind `alias/aws/ssm`, created once per install. Replicas starting together
 * (or a first encrypt racing the start) serialise on an advisory lock, so exactly one creates it.
 */
export async function ensureDefaultKey(): Promise<{ keyId: string; keyArn: string }> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('opsdeck:kms:default-key'))`);
    const [existing] = await tx.select({ keyId: keyAliases.keyId }).from(keyAliases).where(eq(keyAliases.name, DEFAULT_KEY_ALIAS));
    if (existing) return { keyId: existing.keyId, keyArn: keyArn(existing.keyId) };
    const keyId = randomUUID();
    const now = new Date();
    await tx.insert(keys).values({
      id: keyId,
      arn: keyArn(keyId),
      description: DEFAULT_KEY_DESCRIPTION,
      keyManager: 'AWS',
      rotationEnabled: true,
      rotationPeriodDays: DEFAULT_ROTATION_DAYS,
      nextRotationDate: addDays(now, DEFAULT_ROTATION_DAYS),
      createdBy: 'opsdeck',
      createdAt: now,
    });
    await tx.insert(keyVersions).values({ keyId, version: 1, encryptedMaterial: wrapKeyMaterial(keyId, 1, newKeyMaterial()), createdAt: now });
    await tx.insert(keyAliases).values({ name: DEFAULT_KEY_ALIAS, keyId, createdAt: now, updatedAt: now });
    return { keyId, keyArn: keyArn(keyId) };
  });
}
