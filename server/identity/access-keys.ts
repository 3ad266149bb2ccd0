import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accessKeys, users } from '@/db/schema';
import type { Database } from '@/db/client';
import { InvalidatingCache, writeAndInvalidate } from '@/server/cache/invalidation';
import { getDb, getServerContext } from '@/server/context';
import { decryptSecret, encryptSecret } from '@/server/crypto/envelope';
import { OpsdeckError, notFound } from '@/server/errors';
import { userArn } from './arn';
import { ACCESS_KEY_TOPIC } from './cache-topics';
import type { Caller } from './caller';
import { perform } from './perform';
import { findUserByName } from './users';

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const MAX_KEYS_PER_USER = 2; // as IAM: enough to rotate, few enough to track

const encryptionContext = (accessKeyId: string) => `access-key:${accessKeyId}`;

// last_used_at is shown at minute precision: one UPDATE a minute per key per process is enough.
const TOUCH_INTERVAL_MS = 60_000;

export interface ResolvedAccessKey {
  secretAccessKey: string;
  userId: string;
  username: string;
}

/**
 * Active keys with their decrypted secrets, in this process's memory only (never written
 * anywhere). Every writer of access_keys or of a key owner's user row invalidates through
 * ACCESS_KEY_TOPIC (updateAccessKey, deleteAccessKey, deleteUser). Unknown and inactive keys are
 * not cached: a key created or reactivated later needs no invalidation to be seen.
 */
const activeKeys = new InvalidatingCache<ResolvedAccessKey>(ACCESS_KEY_TOPIC, { max: 10_000, ttlMs: 10 * 60_000 });
const lastTouchedAt = new Map<string, number>();

/** Thrown by the cache's loader so a miss is not kept; never leaves this module. */
class NoActiveKey extends Error {}

/** 20 characters starting AKIA, like AWS's long-term keys (base32 alphabet). */
export function newAccessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AKIA${Array.from(randomBytes(16), (byte) => alphabet[byte % 32]).join('')}`;
}

/** Stores a key pair for a user; used by the API operation and by first-start bootstrap. */
export async function insertAccessKey(db: Database, masterKey: Buffer, userId: string, accessKeyId: string, secret: string) {
  if (!ACCESS_KEY_ID.test(accessKeyId)) throw new OpsdeckError('ValidationException', 'an access key id is 16-128 upper-case letters and digits');
  await db.insert(accessKeys).values({ id: accessKeyId, userId, secretEncrypted: encryptSecret(masterKey, secret, encryptionContext(accessKeyId)) });
}

export async function createAccessKey(caller: Caller, username: string) {
  return perform(caller, { name: 'CreateAccessKey', iamAction: 'iam:CreateAccessKey', resources: [userArn(getServerContext().accountId, username)], parameters: { username } }, async () => {
    const user = await findUserByName(username);
    const existing = await getDb().select({ id: accessKeys.id }).from(accessKeys).where(eq(accessKeys.userId, user.id));
    if (existing.length >= MAX_KEYS_PER_USER) {
      throw new OpsdeckError('LimitExceeded', `${username} already has ${MAX_KEYS_PER_USER} access keys; delete one first`, 409);
    }
    const accessKeyId = newAccessKeyId();
    const secretAccessKey = randomBytes(30).toString('base64');
    await insertAccessKey(getDb(), getServerContext().masterKey, user.id, accessKeyId, secretAccessKey);
    return { accessKeyId, secretAccessKey, username, status: 'Active' as const };
  });
}

export async function listAccessKeys(caller: Caller, username: string) {
  return perform(caller, { name: 'ListAccessKeys', iamAction: 'iam:ListAccessKeys', resources: [userArn(getServerContext().accountId, username)], isAudited: false }, async () => {
    const user = await findUserByName(username);
    return getDb()
      .select({ accessKeyId: accessKeys.id, status: accessKeys.status, createdAt: accessKeys.createdAt, lastUsedAt: accessKeys.lastUsedAt })
      .from(accessKeys)
      .where(eq(accessKeys.userId, user.id))
      .orderBy(accessKeys.createdAt);
  });
}

export const updateAccessKeyInput = z.object({ status: z.enum(['Active', 'Inactive'], { message: 'status is Active or Inactive' }) });

async function findOwnedKey(username: string, accessKeyId: string) {
  const user = await findUserByName(username);
  const [key] = await getDb().select().from(accessKeys).where(and(eq(accessKeys.id, accessKeyId), eq(accessKeys.userId, user.id)));
  if (!key) throw notFound('NoSuchEntity', `the access key ${accessKeyId} of ${username} cannot be found`);
  return key;
}

export async function updateAccessKey(caller: Caller, username: string, accessKeyId: string, status: 'Active' | 'Inactive') {
  const parsed = updateAccessKeyInput.parse({ status });
  return perform(caller, { name: 'UpdateAccessKey', iamAction: 'iam:UpdateAccessKey', resources: [userArn(getServerContext().accountId, username)], parameters: { username, accessKeyId, status } }, async () => {
    await findOwnedKey(username, accessKeyId);
    // A deactivated key is refused from the very next request, on every replica.
    await writeAndInvalidate(getDb(), ACCESS_KEY_TOPIC, [accessKeyId], (tx) => tx.update(accessKeys).set({ status: parsed.status }).where(eq(accessKeys.id, accessKeyId)));
  });
}

export async function deleteAccessKey(caller: Caller, username: string, accessKeyId: string) {
  return perform(caller, { name: 'DeleteAccessKey', iamAction: 'iam:DeleteAccessKey', resources: [userArn(getServerContext().accountId, username)], parameters: { username, accessKeyId } }, async () => {
    await findOwnedKey(username, accessKeyId);
    await writeAndInvalidate(getDb(), ACCESS_KEY_TOPIC, [accessKeyId], (tx) => tx.delete(accessKeys).where(eq(accessKeys.id, accessKeyId)));
  });
}

/** resolveAccessKey's answer when it is in memory, without a promise: the API's fast path. */
export function peekAccessKey(accessKeyId: string): ResolvedAccessKey | undefined {
  return activeKeys.peek(accessKeyId);
}

/** For SigV4: the secret of an active key and who owns it, or null. Cached (see activeKeys). */
export async function resolveAccessKey(accessKeyId: string): Promise<ResolvedAccessKey | null> {
  if (!ACCESS_KEY_ID.test(accessKeyId)) return null;
  try {
    return await activeKeys.get(accessKeyId, () => loadActiveKey(accessKeyId));
  } catch (error) {
    if (error instanceof NoActiveKey) return null;
    throw error;
  }
}

async function loadActiveKey(accessKeyId: string): Promise<ResolvedAccessKey> {
  const [row] = await getDb()
    .select({ secretEncrypted: accessKeys.secretEncrypted, status: accessKeys.status, userId: users.id, username: users.username })
    .from(accessKeys)
    .innerJoin(users, eq(users.id, accessKeys.userId))
    .where(eq(accessKeys.id, accessKeyId));
  if (!row || row.status !== 'Active') throw new NoActiveKey();
  const secretAccessKey = decryptSecret(getServerContext().masterKey, row.secretEncrypted, encryptionContext(accessKeyId));
  return { secretAccessKey, userId: row.userId, username: row.username };
}

/**
 * Records that a key was used, at most once a minute per key in this process (the console shows
 * minutes). Fire and forget: the request does not wait for it, and a failed write is logged and
 * tried again by the next request.
 */
export function touchAccessKey(accessKeyId: string, now = Date.now()): void {
  const last = lastTouchedAt.get(accessKeyId);
  if (last !== undefined && now - last < TOUCH_INTERVAL_MS) return;
  lastTouchedAt.set(accessKeyId, now);
  getDb()
    .update(accessKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(accessKeys.id, accessKeyId))
    .catch((error: Error) => {
      if (lastTouchedAt.get(accessKeyId) === now) lastTouchedAt.delete(accessKeyId);
      console.error(`[access-keys] could not record the use of ${accessKeyId}: ${error.message}`);
    });
}
