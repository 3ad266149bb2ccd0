import { eq, inArray, sql } from 'drizzle-orm';
import { signInThrottle } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError } from '@/server/errors';

// Per user name: slows guessing one account; per IP: slows spraying many accounts from one place.
const LIMITS: Record<string, number> = { user: 5, ip: 20 };
const WINDOW_MINUTES = 15;

const limitOf = (key: string) => LIMITS[key.split(':')[0]!] ?? 5;

export async function refuseIfThrottled(keys: string[]): Promise<void> {
  const rows = await getDb()
    .select()
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, keys));
  for (const row of rows) {
    const windowEnds = row.windowStartedAt.getTime() + WINDOW_MINUTES * 60_000;
    if (row.failures >= limitOf(row.key) && windowEnds > Date.now()) {
      const minutes = Math.ceil((windowEnds - Date.now()) / 60_000);
      const who = row.key.startsWith('user:') ? 'this user' : 'your address';
      throw new OpsdeckError('ThrottlingException', `Too many failed sign-ins for ${who}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, 429);
    }
  }
}

/** Counts a failure in the current window, opening a new window when the old one has passed. */
export async function recordFailedSignIn(keys: string[]): Promise<void> {
  const windowStart = sql`now() - make_interval(mins => ${WINDOW_MINUTES})`;
  for (const key of keys) {
    await getDb()
      .insert(signInThrottle)
      .values({ key, failures: 1 })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then now() else ${signInThrottle.windowStartedAt} end`,
        },
      });
  }
}

export async function clearFailedSignIns(key: string): Promise<void> {
  await getDb().delete(signInThrottle).where(eq(signInThrottle.key, key));
}
