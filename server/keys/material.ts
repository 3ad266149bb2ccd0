import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret } from '@/server/crypto/envelope';
import { getServerContext } from '@/server/context';

/** A fresh 256-bit symmetric key version, as KMS's SYMMETRIC_DEFAULT. */
export function newKeyMaterial(): Buffer {
  return randomBytes(32);
}

// The context names the key and the version, so material copied onto another row fails to unwrap.
const materialContext = (keyId: string, version: number) => `kms-key:${keyId}:${version}`;

/** Material as stored: wrapped by the install's master key, never in the clear. */
export function wrapKeyMaterial(keyId: string, version: number, material: Buffer): string {
  return encryptSecret(getServerContext().masterKey, material.toString('base64'), materialContext(keyId, version));
}

export function unwrapKeyMaterial(keyId: string, version: number, stored: string): Buffer {
  try {
    return Buffer.from(decryptSecret(getServerContext().masterKey, stored, materialContext(keyId, version)), 'base64');
  } catch {
    // The usual cause is a replica started with another OPSDECK_MASTER_KEY; say so, not the crypto error.
    throw new Error(`the material of key ${keyId} version ${version} cannot be unwrapped: is this server using the same master key (OPSDECK_MASTER_KEY or master.key) as the one that created it?`);
  }
}
