import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Envelope encryption: every value gets its own AES-256-GCM data key, and that data key is stored
 * wrapped (AES-256-GCM) by the install's master key. Rotating the master key means rewrapping
 * data keys, not re-encrypting every value.
 *
 * Format: `v1.<wrappedKey>.<keyIv>.<keyTag>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
const VERSION = 'v1';

function seal(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * `context` is bound into both layers as associated data (e.g. "access-key:AKIA..."), so a
 * ciphertext copied onto another row fails to decrypt instead of leaking there.
 */
export function encryptSecret(masterKey: Buffer, plaintext: string, context: string): string {
  const dataKey = randomBytes(32);
  const wrapped = seal(masterKey, dataKey, `key:${context}`);
  const sealed = seal(dataKey, Buffer.from(plaintext, 'utf8'), `value:${context}`);
  const parts = [wrapped.ciphertext, wrapped.iv, wrapped.tag, sealed.iv, sealed.tag, sealed.ciphertext];
  return [VERSION, ...parts.map((part) => part.toString('base64url'))].join('.');
}

export function decryptSecret(masterKey: Buffer, envelope: string, context: string): string {
  const [version, ...encoded] = envelope.split('.');
  if (version !== VERSION || encoded.length !== 6) throw new Error('not an Opsdeck encrypted value');
  const [wrappedKey, keyIv, keyTag, iv, tag, ciphertext] = encoded.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const dataKey = open(masterKey, keyIv, keyTag, wrappedKey, `key:${context}`);
  return open(dataKey, iv, tag, ciphertext, `value:${context}`).toString('utf8');
}
