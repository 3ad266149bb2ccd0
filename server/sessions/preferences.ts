import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_RUN_AS_USER, osUserNameSchema } from '@/agent/protocol';
import { installSettings } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { userNameSchema } from '@/server/identity/names';

/**
 * Session Manager preferences, one set per install (AWS keeps them in the
 * SSM-SessionManagerRunShell document of each account and region). Stored as JSON in
 * install_settings. Minutes may be fractional, so tests can use seconds-long timeouts.
 */
export const SESSION_PREFERENCES_KEY = 'session-preferences';
export const PREFERENCE_ACTIONS = { view: 'opsdeck:ViewSessionPreferences', update: 'opsdeck:UpdateSessionPreferences' } as const;

export const sessionPreferencesSchema = z
  .object({
    /** AWS: 1 to 60 minutes, default 20. Output counts as activity. */
    idleTimeoutMinutes: z.number().min(0.05).max(60),
    /** 0 = no limit (AWS's empty maxSessionDuration); else up to 24 hours. */
    maxDurationMinutes: z.number().min(0).max(1440),
    /** How long a session waits for its client (or its node) to come back. */
    gracePeriodMinutes: z.number().min(0.05).max(1440),
    defaultRunAs: osUserNameSchema,
    /** Opsdeck user name → OS user on the node (AWS's SSMSessionRunAs tag, as a setting). */
    runAsByUser: z.record(userNameSchema, osUserNameSchema).refine((map) => Object.keys(map).length <= 1000, 'at most 1,000 run-as mappings'),
    /** Typed into every shell session as it starts (AWS's shellProfile.linux). */
    shellProfile: z.string().max(4096),
    /** Recordings older than this many days (since the session ended) are deleted. */
    recordingRetentionDays: z.number().int().min(1).max(3650),
  })
  .strict();
export type SessionPreferences = z.infer<typeof sessionPreferencesSchema>;

export const DEFAULT_SESSION_PREFERENCES: SessionPreferences = {
  idleTimeoutMinutes: 20,
  maxDurationMinutes: 0,
  gracePeriodMinutes: 10,
  defaultRunAs: DEFAULT_RUN_AS_USER,
  runAsByUser: {},
  shellProfile: '',
  recordingRetentionDays: 90,
};

/** The stored preferences, defaults for anything missing (a newer Opsdeck may add fields). */
export async function loadSessionPreferences(): Promise<SessionPreferences> {
  const [row] = await getDb().select().from(installSettings).where(eq(installSettings.key, SESSION_PREFERENCES_KEY));
  if (!row) return { ...DEFAULT_SESSION_PREFERENCES };
  const stored = sessionPreferencesSchema.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_SESSION_PREFERENCES, ...(stored.success ? stored.data : {}) };
}

export function getSessionPreferences(caller: Caller): Promise<SessionPreferences> {
  return perform(caller, { name: 'GetSessionPreferences', iamAction: PREFERENCE_ACTIONS.view, isAudited: false }, loadSessionPreferences);
}

export function updateSessionPreferences(caller: Caller, input: unknown): Promise<SessionPreferences> {
  return perform(caller, { name: 'UpdateSessionPreferences', iamAction: PREFERENCE_ACTIONS.update, parameters: input }, async () => {
    const preferences = sessionPreferencesSchema.parse(input);
    const value = JSON.stringify(preferences);
    await getDb()
      .insert(installSettings)
      .values({ key: SESSION_PREFERENCES_KEY, value })
      .onConflictDoUpdate({ target: installSettings.key, set: { value, updatedAt: new Date() } });
    return preferences;
  });
}

/** The OS user a person's sessions run as: their mapping, else the default. */
export function runAsFor(preferences: SessionPreferences, username: string): string {
  return preferences.runAsByUser[username] ?? preferences.defaultRunAs;
}
