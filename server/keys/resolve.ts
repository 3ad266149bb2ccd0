import { parseKeyRef } from './arn';
import { cachedAliasTarget, cachedKey, type CachedKey } from './cache';
import { keyNotFound } from './errors';

/**
 * The key a key id, key ARN, alias name or alias ARN names, from the in-memory cache.
 * Throws NotFoundException naming the reference as given.
 */
export async function findKeyByRef(keyRef: string): Promise<CachedKey> {
  const ref = parseKeyRef(keyRef);
  if (!ref) throw keyNotFound(keyRef);
  try {
    const keyId = ref.kind === 'key' ? ref.keyId : await cachedAliasTarget(ref.aliasName);
    return await cachedKey(keyId);
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundException') throw keyNotFound(keyRef);
    throw error;
  }
}
