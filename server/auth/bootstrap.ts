import { randomBytes, randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { accessKeys, installSettings, policies, policyAttachments, users } from '@/db/schema';
import type { Database } from '@/db/client';
import { BUILTIN_POLICIES } from '@/server/identity/builtin-policies';
import { POLICY_TOPIC } from '@/server/identity/cache-topics';
import { ALL, notifyInvalidation } from '@/server/cache/invalidation';
import { insertAccessKey } from '@/server/identity/access-keys';
import { hashPassword } from './passwords';

export const ADMIN_USERNAME = 'admin';

export interface BootstrapOptions {
  adminPassword?: string;
  bootstrapAccessKey?: { id: string; secret: string };
  masterKey: Buffer;
}

export interface BootstrapResult {
  /** Set only when this start created the admin with a generated password: print it once. */
  generatedAdminPassword?: string;
  accountId: string;
}

/**
 * First-start facts, idempotent on every start: the install's account id, the built-in
 * policies (refreshed to this version's text), the admin with AdministratorAccess, and the
 * bootstrap API key when one is configured.
 */
export async function bootstrapInstall(db: Database, options: BootstrapOptions): Promise<BootstrapResult> {
  const accountId = await ensureSetting(db, 'account_id', () => String(randomInt(1, 10)) + Array.from({ length: 11 }, () => randomInt(0, 10)).join(''));
  await seedBuiltinPolicies(db);
  const generatedAdminPassword = await ensureAdmin(db, options.adminPassword);
  if (options.bootstrapAccessKey) await ensureBootstrapAccessKey(db, options.masterKey, options.bootstrapAccessKey);
  return { accountId, generatedAdminPassword };
}

async function seedBuiltinPolicies(db: Database): Promise<void> {
  for (const policy of Object.values(BUILTIN_POLICIES)) {
    await db
      .insert(policies)
      .values({ name: policy.name, description: policy.description, document: policy.document, isBuiltin: true })
      .onConflictDoUpdate({ target: policies.name, set: { description: policy.description, document: policy.document, isBuiltin: true } });
  }
  // A new release may change a built-in's text: replicas already running must not keep the old one.
  await notifyInvalidation(db, POLICY_TOPIC, [ALL]);
}

async function ensureAdmin(db: Database, adminPassword?: string): Promise<string | undefined> {
  const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(users)) as [{ count: number }];
  if (count > 0) return undefined;
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  const [admin] = await db.insert(users).values({ username: ADMIN_USERNAME, passwordHash: await hashPassword(password) }).onConflictDoNothing().returning();
  if (!admin) return undefined;
  const [administratorAccess] = await db.select({ id: policies.id }).from(policies).where(eq(policies.name, 'AdministratorAccess'));
  await db.insert(policyAttachments).values({ policyId: administratorAccess!.id, principalType: 'user', principalId: admin.id }).onConflictDoNothing();
  return adminPassword ? undefined : password;
}

async function ensureBootstrapAccessKey(db: Database, masterKey: Buffer, key: { id: string; secret: string }): Promise<void> {
  const [existing] = await db.select({ id: accessKeys.id }).from(accessKeys).where(eq(accessKeys.id, key.id));
  if (existing) return;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, ADMIN_USERNAME));
  if (!admin) throw new Error(`OPSDECK_BOOTSTRAP_ACCESS_KEY_ID is set but there is no '${ADMIN_USERNAME}' user to own it`);
  await insertAccessKey(db, masterKey, admin.id, key.id, key.secret);
}

async function ensureSetting(db: Database, key: string, create: () => string): Promise<string> {
  await db.insert(installSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(installSettings).where(eq(installSettings.key, key));
  return row!.value;
}
