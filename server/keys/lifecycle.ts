import { and, eq, lte } from 'drizzle-orm';
import { keyAliases, keyVersions, keys, type KeyRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { writeAndInvalidate } from '@/server/cache/invalidation';
import { recordAuditEvent } from '@/server/audit/service';
import { systemCaller } from '@/server/identity/caller';
import { KMS_TOPIC, aliasCacheKey, keyCacheKey } from './cache';
import { keyNotFound } from './errors';
import { newKeyMaterial, wrapKeyMaterial } from './material';

type Transaction = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

const DAY_MS = 86_400_000;
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

export type RotationType = 'Automatic' | 'OnDemand';

/**
 * Runs `change` on the key's row, locked, in a transaction that drops the key (and the aliases
 * named) from every replica's cache when it commits: the next encrypt or decrypt sees the change.
 */
export function changeKey<T>(keyId: string, change: (tx: Transaction, row: KeyRow) => Promise<T>, aliasNames: string[] = []): Promise<T> {
  return writeAndInvalidate(getDb(), KMS_TOPIC, [keyCacheKey(keyId), ...aliasNames.map(aliasCacheKey)], async (tx) => {
    const [row] = await tx.select().from(keys).where(eq(keys.id, keyId)).for('update');
    if (!row) throw keyNotFound(keyId);
    return change(tx, row);
  });
}

/**
 * Adds the next version of the key's material and makes it the one that encrypts. Must run on a
 * row locked by changeKey, so two rotations never pick the same number.
 */
export async function addKeyVersion(tx: Transaction, row: KeyRow, rotationType: RotationType, now = new Date()): Promise<number> {
  const version = row.currentVersion + 1;
  await tx.insert(keyVersions).values({ keyId: row.id, version, encryptedMaterial: wrapKeyMaterial(row.id, version, newKeyMaterial()), rotationType, createdAt: now });
  // On-demand rotation leaves the automatic schedule alone, as in KMS.
  const nextRotationDate = rotationType === 'Automatic' && row.rotationEnabled ? addDays(now, row.rotationPeriodDays) : row.nextRotationDate;
  await tx.update(keys).set({ currentVersion: version, nextRotationDate }).where(eq(keys.id, row.id));
  return version;
}

/**
 * Deletes, for good, keys whose deletion waiting period is over, with their material and aliases.
 * Values encrypted under them can never be decrypted again — which is why KMS makes people wait.
 * Safe on several replicas at once: each deletion re-checks the key under its row lock.
 */
export async function deleteDueKeys(now = new Date()): Promise<string[]> {
  const due = await getDb()
    .select({ id: keys.id, arn: keys.arn })
    .from(keys)
    .where(and(eq(keys.state, 'PendingDeletion'), lte(keys.deletionDate, now)));
  const deleted: string[] = [];
  for (const key of due) {
    // Aliases cannot be added to a key pending deletion, so this list cannot grow meanwhile.
    const aliases = await getDb().select({ name: keyAliases.name }).from(keyAliases).where(eq(keyAliases.keyId, key.id));
    const isDeleted = await changeKey(
      key.id,
      async (tx, row) => {
        if (row.state !== 'PendingDeletion' || !row.deletionDate || row.deletionDate > now) return false;
        await tx.delete(keys).where(eq(keys.id, key.id));
        return true;
      },
      aliases.map((alias) => alias.name),
    ).catch((error: unknown) => {
      // Another replica got there first.
      if ((error as { code?: string }).code === 'NotFoundException') return false;
      throw error;
    });
    if (!isDeleted) continue;
    deleted.push(key.id);
    await recordAuditEvent(systemCaller(), { action: 'DeleteKey', resources: [key.arn], requestParameters: { keyId: key.id }, result: 'Success' });
  }
  return deleted;
}

/** Rotates enabled keys whose automatic rotation date has come. Safe on several replicas at once. */
export async function rotateDueKeys(now = new Date()): Promise<string[]> {
  const due = await getDb()
    .select({ id: keys.id, arn: keys.arn })
    .from(keys)
    .where(and(eq(keys.state, 'Enabled'), eq(keys.rotationEnabled, true), lte(keys.nextRotationDate, now)));
  const rotated: string[] = [];
  for (const key of due) {
    const version = await changeKey(key.id, async (tx, row) => {
      const isDue = row.state === 'Enabled' && row.rotationEnabled && row.nextRotationDate !== null && row.nextRotationDate <= now;
      return isDue ? addKeyVersion(tx, row, 'Automatic', now) : undefined;
    }).catch(() => undefined);
    if (version === undefined) continue;
    rotated.push(key.id);
    await recordAuditEvent(systemCaller(), { action: 'RotateKey', resources: [key.arn], requestParameters: { keyId: key.id, rotationType: 'Automatic', version }, result: 'Success' });
  }
  return rotated;
}

/** What a scheduler runs now and then: deletions that are due, then rotations that are due. */
export async function runKeyMaintenance(now = new Date()): Promise<{ deleted: string[]; rotated: string[] }> {
  const deleted = await deleteDueKeys(now);
  const rotated = await rotateDueKeys(now);
  return { deleted, rotated };
}

const MAINTENANCE_INTERVAL_MS = 60_000;
const LAST_RUN = Symbol.for('opsdeck.kms-maintenance-last-run');
type GlobalWithLastRun = typeof globalThis & { [LAST_RUN]?: number };

/**
 * Runs maintenance in the background at most once a minute per process, from the paths that use
 * keys, until a scheduler calls runKeyMaintenance itself. Keys pending deletion are refused
 * either way; this only makes deletion and automatic rotation happen on time.
 */
export function maybeRunKeyMaintenance(): void {
  const global = globalThis as GlobalWithLastRun;
  const now = Date.now();
  if (now - (global[LAST_RUN] ?? 0) < MAINTENANCE_INTERVAL_MS) return;
  global[LAST_RUN] = now;
  void runKeyMaintenance().catch((error: Error) => console.error(`[kms] key maintenance failed: ${error.message}`));
}
