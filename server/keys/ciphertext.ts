import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { invalidCiphertext } from './errors';

/**
 * A value encrypted under a key, self-describing so that decrypting needs no lookup besides the
 * key: `kms1.<keyId>.<version>.<a|c>.<wrappedDataKey>.<keyIv>.<keyTag>.<iv>.<tag>.<ciphertext>`
 * (base64url parts). Each value has its own AES-256-GCM data key, wrapped by the key version's
 * material. `a`/`c` records whether the key was the AWS managed default, for display only:
 * decrypting never trusts it.
 */
const FORMAT = 'kms1';
const PART_COUNT = 10;

export interface CiphertextHeader {
  keyId: string;
  version: number;
  /** Made with the AWS managed default key (alias/aws/ssm). */
  isDefault: boolean;
}

interface Sealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(key: Buffer, { iv, tag, ciphertext }: Sealed, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

// The header is bound into the wrapping layer, so a ciphertext relabelled with another key,
// version or context fails instead of being opened by the wrong material. The context is bound
// into both layers, as in server/crypto/envelope.ts.
const wrapAad = (header: CiphertextHeader, context: string) => `${FORMAT}:${header.keyId}:${header.version}:${context}`;
const valueAad = (context: string) => `value:${context}`;

export function sealWithKey(header: CiphertextHeader, material: Buffer, plaintext: string, context: string): string {
  const dataKey = randomBytes(32);
  const wrapped = seal(material, dataKey, wrapAad(header, context));
  const value = seal(dataKey, Buffer.from(plaintext, 'utf8'), valueAad(context));
  const parts = [wrapped.ciphertext, wrapped.iv, wrapped.tag, value.iv, value.tag, value.ciphertext].map((part) => part.toString('base64url'));
  return [FORMAT, header.keyId, String(header.version), header.isDefault ? 'a' : 'c', ...parts].join('.');
}

/** Reads the header without decrypting anything. Throws InvalidCiphertextException for anything else. */
export function readHeader(ciphertext: string): CiphertextHeader {
  const parts = ciphertext.split('.');
  const [format, keyId, version, flag] = parts;
  if (parts.length !== PART_COUNT || format !== FORMAT || !keyId || !/^[0-9a-f-]{36}$/.test(keyId) || !/^[1-9]\d{0,8}$/.test(version ?? '') || (flag !== 'a' && flag !== 'c')) {
    throw invalidCiphertext('it is not a value encrypted by an Opsdeck key');
  }
  return { keyId, version: Number(version), isDefault: flag === 'a' };
}

/** Throws InvalidCiphertextException when the context differs from the one it was sealed with, or it was altered. */
export function openWithKey(ciphertext: string, material: Buffer, context: string): string {
  const header = readHeader(ciphertext);
  const [wrappedKey, keyIv, keyTag, iv, tag, value] = ciphertext
    .split('.')
    .slice(4)
    .map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  try {
    const dataKey = open(material, { iv: keyIv, tag: keyTag, ciphertext: wrappedKey }, wrapAad(header, context));
    return open(dataKey, { iv, tag, ciphertext: value }, valueAad(context)).toString('utf8');
  } catch {
    // GCM cannot tell a wrong context from tampering; both mean "not this value here".
    throw invalidCiphertext('the encryption context does not match the one it was encrypted with, or the ciphertext was altered');
  }
}
