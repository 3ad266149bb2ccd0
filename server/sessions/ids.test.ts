import { describe, expect, it } from 'vitest';
import { SESSION_ID_PATTERN } from './console-contract';
import { newSessionId } from './service';
import { DEFAULT_SESSION_PREFERENCES, runAsFor, sessionPreferencesSchema } from './preferences';

describe('session ids', () => {
  it('start with the user name, as AWS ids do (policies match session/${aws:username}-*)', () => {
    const id = newSessionId('alice');
    expect(id).toMatch(/^alice-[0-9a-f]{17}$/);
    expect(SESSION_ID_PATTERN.test(id)).toBe(true);
  });

  it('stay within the id pattern for any IAM user name', () => {
    for (const name of ['Alice', 'bob+ops', 'x=y,z', '_svc', '-lead', 'a'.repeat(64)]) expect(SESSION_ID_PATTERN.test(newSessionId(name)), name).toBe(true);
  });
});

describe('session preferences', () => {
  it('map a user to their run-as user, else the default', () => {
    const preferences = { ...DEFAULT_SESSION_PREFERENCES, runAsByUser: { alice: 'ubuntu' } };
    expect(runAsFor(preferences, 'alice')).toBe('ubuntu');
    expect(runAsFor(preferences, 'bob')).toBe('opsdeck-user');
  });

  it('refuse run-as users that could carry options or paths, and unknown fields', () => {
    expect(sessionPreferencesSchema.safeParse({ ...DEFAULT_SESSION_PREFERENCES, defaultRunAs: '-oX' }).success).toBe(false);
    expect(sessionPreferencesSchema.safeParse({ ...DEFAULT_SESSION_PREFERENCES, runAsByUser: { alice: '../root' } }).success).toBe(false);
    expect(sessionPreferencesSchema.safeParse({ ...DEFAULT_SESSION_PREFERENCES, isRecordingDisabled: true }).success).toBe(false);
  });
});
