import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './envelope';

describe('envelope encryption', () => {
  const masterKey = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret(masterKey, 'wJalrXUtnFEMI/K7MDENG', 'access-key:AKIA1');
    expect(sealed).not.toContain('wJalrXUtnFEMI');
    expect(decryptSecret(masterKey, sealed, 'access-key:AKIA1')).toBe('wJalrXUtnFEMI/K7MDENG');
  });

  it('uses a fresh data key and IV every time', () => {
    expect(encryptSecret(masterKey, 'same', 'c')).not.toBe(encryptSecret(masterKey, 'same', 'c'));
  });

  it('refuses another master key, another context, and a tampered ciphertext', () => {
    const sealed = encryptSecret(masterKey, 'secret', 'access-key:AKIA1');
    expect(() => decryptSecret(randomBytes(32), sealed, 'access-key:AKIA1')).toThrow();
    expect(() => decryptSecret(masterKey, sealed, 'access-key:AKIA2')).toThrow();
    const parts = sealed.split('.');
    parts[6] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(masterKey, parts.join('.'), 'access-key:AKIA1')).toThrow();
  });
});
