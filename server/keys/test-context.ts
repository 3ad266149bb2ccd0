/**
 * For this module's integration tests: the server context of a real server (its own PostgreSQL
 * database, migrated, with the install bootstrapped) inside the test process, so services are
 * called directly. Not imported by the product.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { connectDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { users } from '@/db/schema';
import { bootstrapInstall, ADMIN_USERNAME } from '@/server/auth/bootstrap';
import { setServerContext } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { createTestDatabase } from '@/e2e/support/test-postgres';

export interface KeysTestContext {
  url: string;
  masterKey: Buffer;
  admin: Caller;
  close(): Promise<void>;
}

export async function startKeysTestContext(prefix: string): Promise<KeysTestContext> {
  const url = await createTestDatabase(inject('postgresUrl'), prefix);
  const { db, pool } = connectDatabase(url);
  await runMigrations(db);
  const masterKey = randomBytes(32);
  const { accountId } = await bootstrapInstall(db, { adminPassword: 'correct-horse-battery', masterKey });
  setServerContext({ db, region: 'eu-west-1', accountId, masterKey, heartbeatSeconds: 5, broadcast() {}, disconnectConsoleSessions() {}, disconnectAgent() {} });
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, ADMIN_USERNAME));
  return {
    url,
    masterKey,
    admin: consoleCaller(admin!.id, ADMIN_USERNAME),
    close: () => pool.end(),
  };
}

export function consoleCaller(userId: string, username: string): Caller {
  return { userId, username, source: 'console', requestId: randomUUID() };
}

/** The AWS error name a call fails with, or a failure of the test when it succeeds. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const { code, name } = error as { code?: string; name?: string };
    return code ?? (name === 'ZodError' ? 'ValidationException' : String(name));
  }
  throw new Error('expected the call to fail');
}

/** The error a call fails with, code and message, or a failure of the test when it succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code?: string }).code ?? String((error as Error).name), message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}
