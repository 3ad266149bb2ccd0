import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { installSettings, users } from '@/db/schema';
import type { Database } from '@/db/client';
import { hashPassword } from './passwords';

export const ADMIN_USERNAME = 'admin';

export interface BootstrapResult {
  /** Set only when this start created the admin with a generated password: print it once. */
  generatedAdminPassword?: string;
  accountId: string;
}

/** First-start facts: the admin user and the install's 12-digit account id. Idempotent. */
export async function bootstrapInstall(db: Database, adminPassword?: string): Promise<BootstrapResult> {
  const accountId = await ensureSetting(db, 'account_id', () =>
    String(randomInt(1, 10)) + Array.from({ length: 11 }, () => randomInt(0, 10)).join(''),
  );
  const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(users)) as [{ count: number }];
  if (count > 0) return { accountId };
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  await db
    .insert(users)
    .values({ username: ADMIN_USERNAME, passwordHash: await hashPassword(password) })
    .onConflictDoNothing();
  return { accountId, generatedAdminPassword: adminPassword ? undefined : password };
}

async function ensureSetting(db: Database, key: string, create: () => string): Promise<string> {
  await db.insert(installSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(installSettings).where(sql`${installSettings.key} = ${key}`);
  return row!.value;
}
