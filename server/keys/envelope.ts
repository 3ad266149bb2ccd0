import { authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { keyArn } from './arn';
import { cachedKey, type CachedKey } from './cache';
import { openWithKey, readHeader, sealWithKey } from './ciphertext';
import { ensureDefaultKey } from './default-key';
import { describeState, invalidCiphertext, invalidKeyId } from './errors';
import { maybeRunKeyMaintenance } from './lifecycle';
import { findKeyByRef } from './resolve';
import { DEFAULT_KEY_ALIAS } from './schemas';

/**
 * What Parameter Store calls for SecureString values. Keys come from the in-memory cache
 * (server/keys/cache.ts), so a decrypt costs two AES-GCM operations besides its authorisation and
 * audit event; a key disabled or scheduled for deletion is refused as soon as that commits.
 */

export interface EncryptionKey {
  keyId: string;
  keyArn: string;
  /** The AWS managed key (alias/aws/ssm): using it to encrypt needs no KMS permission, as in AWS. */
  isDefault: boolean;
}

const isAwsManaged = (key: CachedKey) => key.keyManager === 'AWS';

/** SSM's InvalidKeyId, with the reason in words, for a key that exists but cannot be used now. */
function assertUsable(key: CachedKey, keyRef: string): void {
  if (key.state === 'Enabled') return;
  const deletion = key.state === 'PendingDeletion' && key.deletionDate ? ` (to be deleted on ${key.deletionDate.toISOString()})` : '';
  throw invalidKeyId(`Key '${keyRef}' is ${describeState(key.state)}${deletion}, so it cannot be used`);
}

/** NotFoundException from a lookup becomes SSM's InvalidKeyId, naming the key as the caller did. */
function asInvalidKeyId(error: unknown, keyRef: string): unknown {
  return (error as { code?: string }).code === 'NotFoundException' ? invalidKeyId(`Key '${keyRef}' does not exist`) : error;
}

async function findForCrypto(keyRef: string): Promise<CachedKey> {
  try {
    return await findKeyByRef(keyRef);
  } catch (error) {
    if (keyRef !== DEFAULT_KEY_ALIAS || (error as { code?: string }).code !== 'NotFoundException') throw asInvalidKeyId(error, keyRef);
  }
  // AWS creates aws/ssm on first use; so do we, should the start-up call not have run yet.
  await ensureDefaultKey();
  return findKeyByRef(keyRef).catch((error: unknown) => Promise.reject(asInvalidKeyId(error, keyRef)));
}

/**
 * Accepts a key id, key ARN, alias name (alias/x) or alias ARN; undefined → alias/aws/ssm.
 * Throws InvalidKeyId when the key is unknown, disabled or pending deletion.
 */
export async function resolveKeyForEncrypt(keyRef: string | undefined): Promise<EncryptionKey> {
  const ref = keyRef?.trim() || DEFAULT_KEY_ALIAS;
  const key = await findForCrypto(ref);
  assertUsable(key, ref);
  return { keyId: key.keyId, keyArn: key.keyArn, isDefault: isAwsManaged(key) };
}

/**
 * Envelope-encrypts `plaintext` under the key's newest version, with `context` (for example
 * `parameter:/prod/db/password`) bound so the result decrypts under that context only.
 * Authorises kms:GenerateDataKey for customer keys; the AWS managed key needs no KMS permission.
 */
export async function encryptWithKey(caller: Caller, key: EncryptionKey, plaintext: string, context: string): Promise<string> {
  maybeRunKeyMaintenance();
  return perform(caller, { name: 'GenerateDataKey', resources: [key.keyArn], parameters: { encryptionContext: context } }, async () => {
    // The key as it is now, not as the caller resolved it: it may have been disabled since, and
    // whether it is AWS managed is not the caller's to say.
    const current = await findForCrypto(key.keyId);
    if (!isAwsManaged(current)) await authorize(caller, { action: 'kms:GenerateDataKey', resource: current.keyArn });
    assertUsable(current, key.keyId);
    const material = current.materials.get(current.currentVersion);
    if (!material) throw new Error(`key ${current.keyId} has no material for its current version ${current.currentVersion}`);
    return sealWithKey({ keyId: current.keyId, version: current.currentVersion, isDefault: isAwsManaged(current) }, material, plaintext, context);
  });
}

/**
 * Decrypts a value made by encryptWithKey under the same `context`. Authorises kms:Decrypt on the
 * key (the AWS managed key too) and records a `Decrypt` audit event naming the key and the
 * context, never the value. InvalidKeyId when the key is disabled, pending deletion or deleted;
 * InvalidCiphertextException when the context differs or the ciphertext was altered.
 */
export async function decryptWithKey(caller: Caller, ciphertext: string, context: string): Promise<string> {
  const parameters = { encryptionContext: context };
  let header: ReturnType<typeof readHeader>;
  try {
    header = readHeader(ciphertext);
  } catch (error) {
    return perform(caller, { name: 'Decrypt', parameters }, () => Promise.reject(error));
  }
  const arn = keyArn(header.keyId);
  return perform(caller, { name: 'Decrypt', iamAction: 'kms:Decrypt', resources: [arn], parameters }, async () => {
    const key = await cachedKey(header.keyId).catch((error: { code?: string }) => {
      throw error.code === 'NotFoundException' ? invalidKeyId(`Key '${arn}' that encrypted this value no longer exists`) : error;
    });
    assertUsable(key, arn);
    const material = key.materials.get(header.version);
    if (!material) throw invalidCiphertext(`version ${header.version} of ${arn} does not exist`);
    return openWithKey(ciphertext, material, context);
  });
}

/** The ARN of the key a stored ciphertext was made with (DescribeParameters' KeyId), without decrypting. */
export function keyIdOfCiphertext(ciphertext: string): string {
  return keyArn(readHeader(ciphertext).keyId);
}

/** keyIdOfCiphertext with more: the key version and whether it was the default key (shown as alias/aws/ssm by AWS). */
export function describeCiphertextKey(ciphertext: string): { keyId: string; keyArn: string; version: number; isDefault: boolean } {
  const header = readHeader(ciphertext);
  return { keyId: header.keyId, keyArn: keyArn(header.keyId), version: header.version, isDefault: header.isDefault };
}
