import { describe, expect, it } from 'vitest';
import { REDACTED, redactParameters } from './redact';

describe('redactParameters', () => {
  it('hides secret fields at any depth, whatever their case, and keeps the rest', () => {
    expect(
      redactParameters({ Name: '/prod/db', Value: 'hunter2', Type: 'SecureString', nested: [{ password: 'p', keep: 1 }], SecretAccessKey: 'x' }),
    ).toEqual({ Name: '/prod/db', Value: REDACTED, Type: 'SecureString', nested: [{ password: REDACTED, keep: 1 }], SecretAccessKey: REDACTED });
  });
});
