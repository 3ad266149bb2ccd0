import { describe, expect, it } from 'vitest';
import { draftOf, newRunAsRow, preferencesOf, type PreferencesDraft } from './preferences-draft';

const saved = {
  idleTimeoutMinutes: 20,
  maxDurationMinutes: 480,
  gracePeriodMinutes: 10,
  defaultRunAs: 'opsdeck-user',
  runAsByUser: { zoe: 'zoe', alice: 'deploy' },
  shellProfile: 'cd ~\nexport PS1="\\u@\\h:\\w$ "',
  recordingRetentionDays: 90,
};

describe('session preferences draft', () => {
  it('round-trips saved preferences, the mapping sorted by console user', () => {
    const draft = draftOf(saved);
    expect(draft.runAsRows.map((row) => row.user)).toEqual(['alice', 'zoe']);
    expect(preferencesOf(draft)).toEqual({ preferences: saved });
  });

  it('skips empty mapping rows', () => {
    const draft = draftOf(saved);
    draft.runAsRows.push(newRunAsRow());
    expect(preferencesOf(draft)).toEqual({ preferences: saved });
  });

  it('says what is wrong with each field', () => {
    const bad: PreferencesDraft = {
      ...draftOf(saved),
      idleTimeoutMinutes: '0',
      gracePeriodMinutes: 'ten',
      maxDurationMinutes: '2000',
      defaultRunAs: 'root; rm -rf /',
      recordingRetentionDays: '99999',
    };
    const result = preferencesOf(bad);
    expect(result).toEqual({
      errors: {
        idleTimeoutMinutes: 'idle timeout must be between 0.05 and 60',
        maxDurationMinutes: 'maximum session duration must be between 0 and 1,440',
        gracePeriodMinutes: "grace period must be a number, not 'ten'",
        defaultRunAs: "'root; rm -rf /' is not an OS user name (lower-case letters, digits, _ and -, starting with a letter or _)",
        recordingRetentionDays: 'recording retention must be between 1 and 3,650',
      },
    });
  });

  it('takes 0 as no maximum duration, and fractions of minutes (seconds-long timeouts)', () => {
    const result = preferencesOf({ ...draftOf(saved), maxDurationMinutes: '0', idleTimeoutMinutes: '0.5' });
    expect('preferences' in result && [result.preferences.maxDurationMinutes, result.preferences.idleTimeoutMinutes]).toEqual([0, 0.5]);
    expect(preferencesOf({ ...draftOf(saved), recordingRetentionDays: '1.5' })).toEqual({ errors: { recordingRetentionDays: 'recording retention must be a whole number of days' } });
  });

  it('refuses a maximum duration shorter than the idle timeout', () => {
    expect(preferencesOf({ ...draftOf(saved), maxDurationMinutes: '5' })).toEqual({ errors: { maxDurationMinutes: 'maximum session duration may not be shorter than the idle timeout' } });
  });

  it('refuses OS user names that could reach a shell as something else, and double mappings', () => {
    const draft = draftOf(saved);
    draft.runAsRows.push(newRunAsRow('bob', '$(id)'), newRunAsRow('alice', 'other'), newRunAsRow('', 'orphan'));
    const result = preferencesOf(draft);
    expect('errors' in result && Object.values(result.errors)).toEqual(["'$(id)' is not an OS user name", 'alice is mapped twice', "the console user for OS user 'orphan' is missing"]);
  });
});
