import { asc, eq } from 'drizzle-orm';
import { keyAliases, keyVersions, keys, type KeyManager, type KeyState } from '@/db/schema';
import { getDb } from '@/server/context';
import { InvalidatingCache } from '@/server/cache/invalidation';
import { aliasNotFound, keyNotFound } from './errors';
import { unwrapKeyMaterial } from './material';

/**
 * In-memory state of keys for the encrypt/decrypt path: thousands of decrypts a second cannot
 * each read and unwrap key material from the database. Every write to a key or alias goes
 * through writeAndInvalidate on this topic, so a disabled key is refused on every replica as soon
 * as the change commits. Unwrapped material lives only here, in memory.
 */
export const KMS_TOPIC = 'kms';
export const keyCacheKey = (keyId: string) => `key:${keyId}`;
export const aliasCacheKey = (aliasName: string) => `alias:${aliasName}`;

export interface CachedKey {
  keyId: string;
  keyArn: string;
  state: KeyState;
  keyManager: KeyManager;
  deletionDate: Date | null;
  /** The version new ciphertexts use. */
  currentVersion: number;
  /** Every version's material: old ciphertexts still decrypt after a rotation. */
  materials: ReadonlyMap<number, Buffer>;
}

// Entries are dropped by invalidation; the age limit only bounds how long a lost notification
// (a replica cut off from PostgreSQL) could matter.
const CACHE_OPTIONS = { max: 10_000, ttlMs: 5 * 60_000 };

// Both caches share one topic so a single write can drop a key and its aliases together.
const keyCache = new InvalidatingCache<CachedKey>(KMS_TOPIC, CACHE_OPTIONS);
const aliasCache = new InvalidatingCache<string>(KMS_TOPIC, CACHE_OPTIONS);

async function loadKey(keyId: string): Promise<CachedKey> {
  const db = getDb();
  const [row] = await db.select().from(keys).where(eq(keys.id, keyId));
  if (!row) throw keyNotFound(keyId);
  const versions = await db.select().from(keyVersions).where(eq(keyVersions.keyId, keyId)).orderBy(asc(keyVersions.version));
  return {
    keyId: row.id,
    keyArn: row.arn,
    state: row.state,
    keyManager: row.keyManager,
    deletionDate: row.deletionDate,
    currentVersion: row.currentVersion,
    materials: new Map(versions.map((version) => [version.version, unwrapKeyMaterial(keyId, version.version, version.encryptedMaterial)])),
  };
}

async function loadAlias(aliasName: string): Promise<string> {
  const [row] = await getDb().select({ keyId: keyAliases.keyId }).from(keyAliases).where(eq(keyAliases.name, aliasName));
  if (!row) throw aliasNotFound(aliasName);
  return row.keyId;
}

/** A key's state and material, from memory when this replica has it. Throws NotFoundException. */
export function cachedKey(keyId: string): Promise<CachedKey> {
  return keyCache.get(keyCacheKey(keyId), () => loadKey(keyId));
}

/** The key id an alias points at now. Throws NotFoundException. */
export function cachedAliasTarget(aliasName: string): Promise<string> {
  return aliasCache.get(aliasCacheKey(aliasName), () => loadAlias(aliasName));
}
