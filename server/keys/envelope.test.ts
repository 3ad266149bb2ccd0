import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, keyVersions, keys } from '@/db/schema';
import { getDb } from '@/server/context';
import { decryptSecret } from '@/server/crypto/envelope';
import { startInvalidationListener } from '@/server/cache/invalidation';
import { systemCaller, type Caller } from '@/server/identity/caller';
import { attachPolicy, createPolicy } from '@/server/identity/policies';
import { createUser } from '@/server/identity/users';
import {
  createKey,
  decryptWithKey,
  describeCiphertextKey,
  disableKey,
  enableKey,
  encryptWithKey,
  ensureDefaultKey,
  keyIdOfCiphertext,
  resolveKeyForEncrypt,
  rotateKeyOnDemand,
  scheduleKeyDeletion,
  cancelKeyDeletion,
} from './index';
import { consoleCaller, errorCodeOf, failureOf, startKeysTestContext, type KeysTestContext } from './test-context';

let context: KeysTestContext;
let admin: Caller;

beforeAll(async () => {
  context = await startKeysTestContext('keys_envelope');
  admin = context.admin;
});

afterAll(async () => {
  await context?.close();
});

/** A value no test could find by accident. */
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('the default key', () => {
  it('is created exactly once however many starts race for it', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureDefaultKey()));
    expect(new Set(results.map((result) => result.keyId)).size).toBe(1);
    const awsKeys = await getDb().select().from(keys).where(eq(keys.keyManager, 'AWS'));
    expect(awsKeys).toHaveLength(1);
    expect(awsKeys[0]!.arn).toBe(results[0]!.keyArn);
    expect(awsKeys[0]!.arn).toMatch(/^arn:opsdeck:kms:eu-west-1:\d{12}:key\/[0-9a-f-]{36}$/);
    expect((await ensureDefaultKey()).keyId).toBe(results[0]!.keyId);
  });

  it('is what an encrypt with no key uses, and round-trips a value', async () => {
    const key = await resolveKeyForEncrypt(undefined);
    expect(key).toEqual({ keyId: (await ensureDefaultKey()).keyId, keyArn: expect.stringContaining(':key/'), isDefault: true });
    expect(await resolveKeyForEncrypt('alias/aws/ssm')).toEqual(key);
    const plaintext = secret('db-password');
    const ciphertext = await encryptWithKey(admin, key, plaintext, 'parameter:/prod/db/password');
    expect(ciphertext).not.toContain(plaintext);
    expect(keyIdOfCiphertext(ciphertext)).toBe(key.keyArn);
    expect(describeCiphertextKey(ciphertext)).toMatchObject({ keyId: key.keyId, version: 1, isDefault: true });
    expect(await decryptWithKey(admin, ciphertext, 'parameter:/prod/db/password')).toBe(plaintext);
  });
});

describe('encryption contexts and ciphertexts', () => {
  it('refuses to decrypt under another context, or when altered', async () => {
    const key = await resolveKeyForEncrypt(undefined);
    const ciphertext = await encryptWithKey(admin, key, 'swordfish', 'parameter:/prod/a');
    expect(await errorCodeOf(decryptWithKey(admin, ciphertext, 'parameter:/prod/b'))).toBe('InvalidCiphertextException');
    const parts = ciphertext.split('.');
    const last = parts.at(-1)!;
    parts[parts.length - 1] = (last[0] === 'A' ? 'B' : 'A') + last.slice(1);
    expect(await errorCodeOf(decryptWithKey(admin, parts.join('.'), 'parameter:/prod/a'))).toBe('InvalidCiphertextException');
    expect(await errorCodeOf(decryptWithKey(admin, 'v1.not.a.kms.value', 'parameter:/prod/a'))).toBe('InvalidCiphertextException');
    // The version is bound in: a ciphertext relabelled with another version does not open.
    const relabelled = ciphertext.split('.');
    relabelled[2] = '2';
    expect(await errorCodeOf(decryptWithKey(admin, relabelled.join('.'), 'parameter:/prod/a'))).toBe('InvalidCiphertextException');
  });

  it('names unknown keys in InvalidKeyId', async () => {
    const error = await failureOf(resolveKeyForEncrypt('alias/no-such-key'));
    expect(error).toMatchObject({ code: 'InvalidKeyId', message: expect.stringContaining('alias/no-such-key') });
    expect(await errorCodeOf(resolveKeyForEncrypt('00000000-0000-4000-8000-000000000000'))).toBe('InvalidKeyId');
    expect(await errorCodeOf(resolveKeyForEncrypt('not a key'))).toBe('InvalidKeyId');
  });
});

describe('customer keys', () => {
  it('accepts a key id, key ARN, alias and alias ARN', async () => {
    const created = await createKey(admin, { description: 'refs', alias: 'alias/refs' });
    const aliasArn = created.arn.replace(/key\/.*$/, 'alias/refs');
    for (const ref of [created.keyId, created.arn, 'alias/refs', aliasArn, created.arn.replace('arn:opsdeck:', 'arn:aws:')]) {
      expect(await resolveKeyForEncrypt(ref), ref).toEqual({ keyId: created.keyId, keyArn: created.arn, isDefault: false });
    }
  });

  it('still decrypts what older versions encrypted after a rotation', async () => {
    const created = await createKey(admin, { description: 'rotating', alias: 'alias/rotating' });
    const key = await resolveKeyForEncrypt('alias/rotating');
    const before = await encryptWithKey(admin, key, 'version one', 'parameter:/app/v');
    await rotateKeyOnDemand(admin, created.keyId);
    const after = await encryptWithKey(admin, key, 'version two', 'parameter:/app/v');
    expect(describeCiphertextKey(before).version).toBe(1);
    expect(describeCiphertextKey(after).version).toBe(2);
    expect(await decryptWithKey(admin, before, 'parameter:/app/v')).toBe('version one');
    expect(await decryptWithKey(admin, after, 'parameter:/app/v')).toBe('version two');
  });

  it('refuses encrypt and decrypt the moment a key is disabled, though its material is cached', async () => {
    const created = await createKey(admin, { alias: 'alias/to-disable' });
    const key = await resolveKeyForEncrypt('alias/to-disable');
    const ciphertext = await encryptWithKey(admin, key, 'cached', 'parameter:/x');
    expect(await decryptWithKey(admin, ciphertext, 'parameter:/x')).toBe('cached');

    await disableKey(admin, 'alias/to-disable');
    const refusal = await failureOf(decryptWithKey(admin, ciphertext, 'parameter:/x'));
    expect(refusal).toMatchObject({ code: 'InvalidKeyId', message: expect.stringContaining('disabled') });
    expect(await errorCodeOf(encryptWithKey(admin, key, 'more', 'parameter:/x'))).toBe('InvalidKeyId');
    expect(await errorCodeOf(resolveKeyForEncrypt(created.keyId))).toBe('InvalidKeyId');

    await enableKey(admin, created.keyId);
    expect(await decryptWithKey(admin, ciphertext, 'parameter:/x')).toBe('cached');
  });

  it('refuses a key pending deletion, and a cancelled deletion leaves it Disabled', async () => {
    const created = await createKey(admin, { alias: 'alias/to-delete' });
    const key = await resolveKeyForEncrypt(created.keyId);
    const ciphertext = await encryptWithKey(admin, key, 'doomed', 'parameter:/y');
    await scheduleKeyDeletion(admin, created.keyId, { pendingWindowInDays: 7 });
    const refusal = await failureOf(decryptWithKey(admin, ciphertext, 'parameter:/y'));
    expect(refusal).toMatchObject({ code: 'InvalidKeyId', message: expect.stringContaining('pending deletion') });
    expect(await errorCodeOf(resolveKeyForEncrypt('alias/to-delete'))).toBe('InvalidKeyId');

    expect((await cancelKeyDeletion(admin, created.keyId)).state).toBe('Disabled');
    expect(await errorCodeOf(decryptWithKey(admin, ciphertext, 'parameter:/y'))).toBe('InvalidKeyId');
    await enableKey(admin, created.keyId);
    expect(await decryptWithKey(admin, ciphertext, 'parameter:/y')).toBe('doomed');
  });

  it('hears of a key disabled on another replica through the invalidation channel', async () => {
    const created = await createKey(admin, {});
    const key = await resolveKeyForEncrypt(created.keyId);
    const ciphertext = await encryptWithKey(admin, key, 'replicated', 'parameter:/z');
    expect(await decryptWithKey(admin, ciphertext, 'parameter:/z')).toBe('replicated');

    const listener = startInvalidationListener(context.url);
    const otherReplica = new pg.Client({ connectionString: context.url });
    await otherReplica.connect();
    try {
      // What another replica's disableKey commits: the row change and its notification.
      await otherReplica.query(`update keys set state = 'Disabled' where id = $1`, [created.keyId]);
      const payload = JSON.stringify({ origin: 'another-replica', topic: 'kms', key: `key:${created.keyId}` });
      // The listener connects in the background; a notification sent before it listens is lost.
      await expect
        .poll(async () => {
          await otherReplica.query('select pg_notify($1, $2)', ['opsdeck_invalidate', payload]);
          return errorCodeOf(decryptWithKey(admin, ciphertext, 'parameter:/z')).catch(() => 'decrypted');
        }, { timeout: 10_000, interval: 200 })
        .toBe('InvalidKeyId');
    } finally {
      await otherReplica.end();
      await listener.close();
    }
  });
});

describe('authorisation and audit', () => {
  let operator: Caller;
  let customerKey: Awaited<ReturnType<typeof resolveKeyForEncrypt>>;

  beforeAll(async () => {
    const user = await createUser(systemCaller(), { username: 'ssm-operator', password: 'correct-horse-battery' });
    // Everything SSM, and nothing of KMS: as in AWS, that reads parameters but not their secrets.
    await createPolicy(systemCaller(), { name: 'SsmOnly', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }] }) });
    await attachPolicy(systemCaller(), { policyName: 'SsmOnly', principalType: 'user', principalName: 'ssm-operator' });
    operator = consoleCaller(user.userId, 'ssm-operator');
    await createKey(admin, { alias: 'alias/team' });
    customerKey = await resolveKeyForEncrypt('alias/team');
  });

  it('refuses kms:Decrypt to a user whose policies allow ssm:* only, and audits the refusal', async () => {
    const ciphertext = await encryptWithKey(admin, customerKey, 'not for you', 'parameter:/team/secret');
    const refusal = await failureOf(decryptWithKey(operator, ciphertext, 'parameter:/team/secret'));
    expect(refusal).toMatchObject({ code: 'AccessDeniedException', message: expect.stringContaining('kms:Decrypt') });
    expect(refusal.message).not.toContain('not for you');

    // The default key needs kms:Decrypt too, as in AWS.
    const byDefault = await encryptWithKey(operator, await resolveKeyForEncrypt(undefined), 'default', 'parameter:/team/d');
    expect(await errorCodeOf(decryptWithKey(operator, byDefault, 'parameter:/team/d'))).toBe('AccessDeniedException');

    await expect
      .poll(async () => getDb().select().from(auditEvents).where(and(eq(auditEvents.username, 'ssm-operator'), eq(auditEvents.action, 'Decrypt'))))
      .toEqual(expect.arrayContaining([expect.objectContaining({ result: 'Failure', errorCode: 'AccessDeniedException', resources: [customerKey.keyArn] })]));
  });

  it('asks kms:GenerateDataKey for customer keys only', async () => {
    expect(await errorCodeOf(encryptWithKey(operator, customerKey, 'x', 'parameter:/team/e'))).toBe('AccessDeniedException');
    // A caller cannot skip the check by claiming the key is the default one.
    expect(await errorCodeOf(encryptWithKey(operator, { ...customerKey, isDefault: true }, 'x', 'parameter:/team/e'))).toBe('AccessDeniedException');
    await expect(encryptWithKey(operator, await resolveKeyForEncrypt(undefined), 'x', 'parameter:/team/e')).resolves.toMatch(/^kms1\./);
  });

  it('records each decrypt with the key and the context, never the value', async () => {
    const plaintext = secret('audited');
    const ciphertext = await encryptWithKey(admin, customerKey, plaintext, 'parameter:/team/audited');
    await decryptWithKey(admin, ciphertext, 'parameter:/team/audited');
    await expect
      .poll(async () => getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'Decrypt'), sql`${auditEvents.requestParameters} @> '{"encryptionContext":"parameter:/team/audited"}'`)))
      .toEqual([expect.objectContaining({ username: 'admin', result: 'Success', resources: [customerKey.keyArn], requestParameters: { encryptionContext: 'parameter:/team/audited' } })]);
    const { rows } = await getDb().execute(sql`select count(*)::int as n from audit_events where audit_events::text like ${`%${plaintext}%`}`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});

describe('what reaches the database', () => {
  it('holds neither plaintext values nor key material, in any table', async () => {
    const plaintext = secret('never-stored');
    const created = await createKey(admin, { alias: 'alias/scan' });
    const key = await resolveKeyForEncrypt(created.keyId);
    const ciphertext = await encryptWithKey(admin, key, plaintext, 'parameter:/scan');
    await rotateKeyOnDemand(admin, created.keyId);
    expect(await decryptWithKey(admin, ciphertext, 'parameter:/scan')).toBe(plaintext);
    // A failed decrypt writes an error message too.
    await decryptWithKey(admin, ciphertext, 'parameter:/elsewhere').catch(() => undefined);

    // The material as a 32-byte key, in every spelling it could be leaked in.
    const stored = await getDb().select().from(keyVersions).where(eq(keyVersions.keyId, created.keyId));
    expect(stored).toHaveLength(2);
    const needles = [plaintext];
    for (const version of stored) {
      const base64 = decryptSecret(context.masterKey, version.encryptedMaterial, `kms-key:${created.keyId}:${version.version}`);
      const material = Buffer.from(base64, 'base64');
      expect(material).toHaveLength(32);
      needles.push(base64, material.toString('hex'), material.toString('base64url'));
    }

    const tables = await getDb().execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['keys', 'key_versions', 'key_aliases', 'audit_events']));
    for (const { table_name: table } of tables.rows) {
      for (const needle of needles) {
        const { rows } = await getDb().execute(sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text like ${`%${needle}%`}`);
        expect(rows[0], `${needle.slice(0, 12)}… in ${table}`).toEqual({ n: 0 });
      }
    }
  });
});
