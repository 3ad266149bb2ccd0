import type { SessionPreferences } from './queries';

/** The form's text, as typed; numbers stay strings until saved so a half-typed value is not lost. */
export interface PreferencesDraft {
  idleTimeoutMinutes: string;
  maxDurationMinutes: string;
  gracePeriodMinutes: string;
  defaultRunAs: string;
  runAsRows: { id: number; user: string; osUser: string }[];
  shellProfile: string;
  recordingRetentionDays: string;
}

/**
 * An OS user name as useradd takes it (Debian's default NAME_REGEX, 32 characters): the run-as
 * user reaches `su`/`runuser` on the node, so nothing else gets through, not even from an admin.
 */
const OS_USER = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * The server's limits (server/sessions/preferences.ts). Minutes may be fractional there (tests use
 * seconds-long timeouts); the lower bounds below are the smallest the server takes.
 */
export const LIMITS = {
  idleTimeoutMinutes: { min: 0.05, max: 60, isWhole: false },
  /** 0 is no limit, as AWS's empty maxSessionDuration. */
  maxDurationMinutes: { min: 0, max: 1440, isWhole: false },
  gracePeriodMinutes: { min: 0.05, max: 1440, isWhole: false },
  recordingRetentionDays: { min: 1, max: 3650, isWhole: true },
} as const;

let rowId = 0;
export const newRunAsRow = (user = '', osUser = '') => ({ id: ++rowId, user, osUser });

export function draftOf(preferences: SessionPreferences): PreferencesDraft {
  return {
    idleTimeoutMinutes: String(preferences.idleTimeoutMinutes),
    maxDurationMinutes: String(preferences.maxDurationMinutes),
    gracePeriodMinutes: String(preferences.gracePeriodMinutes),
    defaultRunAs: preferences.defaultRunAs,
    runAsRows: Object.entries(preferences.runAsByUser)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([user, osUser]) => newRunAsRow(user, osUser)),
    shellProfile: preferences.shellProfile,
    recordingRetentionDays: String(preferences.recordingRetentionDays),
  };
}

type NumberField = keyof typeof LIMITS;
const LABELS: Record<NumberField, string> = {
  idleTimeoutMinutes: 'idle timeout',
  maxDurationMinutes: 'maximum session duration',
  gracePeriodMinutes: 'grace period',
  recordingRetentionDays: 'recording retention',
};

function numberField(draft: PreferencesDraft, field: NumberField, errors: Partial<Record<string, string>>): number {
  const text = draft[field].trim();
  const value = Number(text);
  const { min, max, isWhole } = LIMITS[field];
  if (!/^\d+(\.\d+)?$/.test(text)) errors[field] = `${LABELS[field]} must be a number, not '${text}'`;
  else if (isWhole && !Number.isInteger(value)) errors[field] = `${LABELS[field]} must be a whole number of days`;
  else if (value < min || value > max) errors[field] = `${LABELS[field]} must be between ${min} and ${max.toLocaleString('en')}`;
  return value;
}

/** The preferences to save, or what is wrong with the draft, field by field, in words. */
export function preferencesOf(draft: PreferencesDraft): { preferences: SessionPreferences } | { errors: Partial<Record<string, string>> } {
  const errors: Partial<Record<string, string>> = {};
  const idleTimeoutMinutes = numberField(draft, 'idleTimeoutMinutes', errors);
  const maxDurationMinutes = numberField(draft, 'maxDurationMinutes', errors);
  const gracePeriodMinutes = numberField(draft, 'gracePeriodMinutes', errors);
  const recordingRetentionDays = numberField(draft, 'recordingRetentionDays', errors);
  if (!errors.idleTimeoutMinutes && !errors.maxDurationMinutes && maxDurationMinutes > 0 && maxDurationMinutes < idleTimeoutMinutes) {
    errors.maxDurationMinutes = 'maximum session duration may not be shorter than the idle timeout';
  }
  const defaultRunAs = draft.defaultRunAs.trim();
  if (!OS_USER.test(defaultRunAs)) errors.defaultRunAs = `'${defaultRunAs}' is not an OS user name (lower-case letters, digits, _ and -, starting with a letter or _)`;
  const runAsByUser: Record<string, string> = {};
  for (const row of draft.runAsRows) {
    const user = row.user.trim();
    const osUser = row.osUser.trim();
    if (!user && !osUser) continue;
    if (!user) errors[`runAs-${row.id}`] = `the console user for OS user '${osUser}' is missing`;
    else if (runAsByUser[user] !== undefined) errors[`runAs-${row.id}`] = `${user} is mapped twice`;
    else if (!OS_USER.test(osUser)) errors[`runAs-${row.id}`] = `'${osUser}' is not an OS user name`;
    else runAsByUser[user] = osUser;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { preferences: { idleTimeoutMinutes, maxDurationMinutes, gracePeriodMinutes, defaultRunAs, runAsByUser, shellProfile: draft.shellProfile, recordingRetentionDays } };
}
