import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import {
  cancelKeyDeletion,
  createAlias,
  createKey,
  decryptWithKey,
  deleteAlias,
  deleteDueKeys,
  describeKey,
  disableKey,
  disableKeyRotation,
  enableKey,
  enableKeyRotation,
  encryptWithKey,
  ensureDefaultKey,
  listAliases,
  listKeys,
  resolveKeyForEncrypt,
  rotateDueKeys,
  rotateKeyOnDemand,
  scheduleKeyDeletion,
  updateAlias,
  updateKeyDescription,
} from './index';
import { MAX_ON_DEMAND_ROTATIONS } from './service';
import { errorCodeOf, startKeysTestContext, type KeysTestContext } from './test-context';

let context: KeysTestContext;
let admin: Caller;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  context = await startKeysTestContext('keys_service');
  admin = context.admin;
  await ensureDefaultKey();
});

afterAll(async () => {
  await context?.close();
});

describe('creating and listing keys', () => {
  it('creates a customer key with its alias and tags, listed after the AWS managed key', async () => {
    const created = await createKey(admin, { description: 'payments database', alias: 'alias/payments', tags: { Team: 'payments' } });
    expect(created).toMatchObject({ description: 'payments database', state: 'Enabled', keyManager: 'CUSTOMER', aliases: ['alias/payments'], tags: { Team: 'payments' }, currentVersion: 1, rotationEnabled: false, createdBy: 'admin' });
    const { keys: listed, canCreate } = await listKeys(admin);
    expect(canCreate).toBe(true);
    expect(listed[0]).toMatchObject({ keyManager: 'AWS', aliases: ['alias/aws/ssm'], rotationEnabled: true });
    expect(listed.map((key) => key.keyId)).toContain(created.keyId);

    const detail = await describeKey(admin, 'alias/payments');
    expect(detail.versions).toEqual([expect.objectContaining({ version: 1, isCurrent: true, rotationType: null })]);
    expect(detail.permissions).toMatchObject({ canDisable: true, canScheduleDeletion: true, canRotate: true });
    expect(JSON.stringify(detail)).not.toMatch(/material/i);
  });

  it('creates neither key nor alias when the alias is taken', async () => {
    await createKey(admin, { alias: 'alias/taken' });
    const before = (await listKeys(admin)).keys.length;
    expect(await errorCodeOf(createKey(admin, { description: 'second', alias: 'alias/taken' }))).toBe('AlreadyExistsException');
    expect((await listKeys(admin)).keys.length).toBe(before);
  });

  it('checks alias names as KMS does', async () => {
    expect(await errorCodeOf(createKey(admin, { alias: 'payments' }))).toBe('ValidationException');
    expect(await errorCodeOf(createKey(admin, { alias: 'alias/has space' }))).toBe('ValidationException');
    expect(await errorCodeOf(createKey(admin, { alias: `alias/${'a'.repeat(251)}` }))).toBe('ValidationException');
    expect(await errorCodeOf(createKey(admin, { alias: 'alias/aws/mine' }))).toBe('AccessDeniedException');
  });

  it('answers NotFoundException for keys that do not exist', async () => {
    expect(await errorCodeOf(describeKey(admin, 'alias/nothing-here'))).toBe('NotFoundException');
    expect(await errorCodeOf(disableKey(admin, '00000000-0000-4000-8000-000000000000'))).toBe('NotFoundException');
  });
});

describe('the AWS managed key', () => {
  it('cannot be disabled, deleted, rotated, described anew or given aliases', async () => {
    const { keyId } = await ensureDefaultKey();
    expect(await errorCodeOf(disableKey(admin, 'alias/aws/ssm'))).toBe('AccessDeniedException');
    expect(await errorCodeOf(scheduleKeyDeletion(admin, keyId, {}))).toBe('AccessDeniedException');
    expect(await errorCodeOf(disableKeyRotation(admin, keyId))).toBe('AccessDeniedException');
    expect(await errorCodeOf(rotateKeyOnDemand(admin, keyId))).toBe('AccessDeniedException');
    expect(await errorCodeOf(updateKeyDescription(admin, keyId, { description: 'mine now' }))).toBe('AccessDeniedException');
    expect(await errorCodeOf(createAlias(admin, { aliasName: 'alias/ssm-default', targetKeyId: keyId }))).toBe('AccessDeniedException');
    expect(await errorCodeOf(deleteAlias(admin, 'alias/aws/ssm'))).toBe('AccessDeniedException');
    const other = await createKey(admin, {});
    expect(await errorCodeOf(updateAlias(admin, { aliasName: 'alias/aws/ssm', targetKeyId: other.keyId }))).toBe('AccessDeniedException');
    const detail = await describeKey(admin, keyId);
    expect(detail).toMatchObject({ state: 'Enabled', aliases: ['alias/aws/ssm'] });
    expect(Object.values(detail.permissions).every((allowed) => !allowed)).toBe(true);
  });
});

describe('key states', () => {
  it('moves between Enabled, Disabled and PendingDeletion as KMS allows', async () => {
    const { keyId } = await createKey(admin, { description: 'states' });
    expect((await disableKey(admin, keyId)).state).toBe('Disabled');
    expect((await enableKey(admin, keyId)).state).toBe('Enabled');

    const scheduled = await scheduleKeyDeletion(admin, keyId, {});
    expect(scheduled.state).toBe('PendingDeletion');
    // 30 days when not given.
    expect(Math.round((new Date(scheduled.deletionDate!).getTime() - Date.now()) / DAY_MS)).toBe(30);
    expect(await errorCodeOf(enableKey(admin, keyId))).toBe('KMSInvalidStateException');
    expect(await errorCodeOf(disableKey(admin, keyId))).toBe('KMSInvalidStateException');
    expect(await errorCodeOf(scheduleKeyDeletion(admin, keyId, {}))).toBe('KMSInvalidStateException');
    expect(await errorCodeOf(createAlias(admin, { aliasName: 'alias/late', targetKeyId: keyId }))).toBe('KMSInvalidStateException');

    const cancelled = await cancelKeyDeletion(admin, keyId);
    expect(cancelled).toMatchObject({ state: 'Disabled', deletionDate: null });
    expect(await errorCodeOf(cancelKeyDeletion(admin, keyId))).toBe('KMSInvalidStateException');
    expect(await errorCodeOf(rotateKeyOnDemand(admin, keyId))).toBe('DisabledException');
  });

  it('keeps the waiting period between 7 and 30 days', async () => {
    const { keyId } = await createKey(admin, {});
    expect(await errorCodeOf(scheduleKeyDeletion(admin, keyId, { pendingWindowInDays: 6 }))).toBe('ValidationException');
    expect(await errorCodeOf(scheduleKeyDeletion(admin, keyId, { pendingWindowInDays: 31 }))).toBe('ValidationException');
    const scheduled = await scheduleKeyDeletion(admin, keyId, { pendingWindowInDays: 7 });
    expect(Math.round((new Date(scheduled.deletionDate!).getTime() - Date.now()) / DAY_MS)).toBe(7);
  });

  it('deletes keys, their material and aliases only once their waiting period is over', async () => {
    const created = await createKey(admin, { alias: 'alias/short-lived' });
    const ciphertext = await encryptWithKey(admin, await resolveKeyForEncrypt(created.keyId), 'gone soon', 'parameter:/gone');
    await scheduleKeyDeletion(admin, created.keyId, { pendingWindowInDays: 7 });

    expect(await deleteDueKeys(new Date(Date.now() + 6 * DAY_MS))).not.toContain(created.keyId);
    expect(await getDb().select().from(keys).where(eq(keys.id, created.keyId))).toHaveLength(1);

    const later = new Date(Date.now() + 8 * DAY_MS);
    const [first, second] = await Promise.all([deleteDueKeys(later), deleteDueKeys(later)]);
    expect([...first!, ...second!].filter((id) => id === created.keyId)).toHaveLength(1);
    expect(await errorCodeOf(describeKey(admin, created.keyId))).toBe('NotFoundException');
    expect(await errorCodeOf(resolveKeyForEncrypt('alias/short-lived'))).toBe('InvalidKeyId');
    expect(await errorCodeOf(decryptWithKey(admin, ciphertext, 'parameter:/gone'))).toBe('InvalidKeyId');
    expect((await listAliases(admin)).map((alias) => alias.aliasName)).not.toContain('alias/short-lived');
  });
});

describe('rotation', () => {
  it('rotates on schedule once enabled, and on demand up to the limit', async () => {
    const { keyId } = await createKey(admin, { description: 'rotation' });
    const enabled = await enableKeyRotation(admin, keyId, { rotationPeriodInDays: 90 });
    expect(enabled).toMatchObject({ rotationEnabled: true, rotationPeriodDays: 90 });
    expect(Math.round((new Date(enabled.nextRotationDate!).getTime() - Date.now()) / DAY_MS)).toBe(90);
    expect(await errorCodeOf(enableKeyRotation(admin, keyId, { rotationPeriodInDays: 89 }))).toBe('ValidationException');

    expect(await rotateDueKeys(new Date(Date.now() + 89 * DAY_MS))).not.toContain(keyId);
    const due = new Date(Date.now() + 91 * DAY_MS);
    const [first, second] = await Promise.all([rotateDueKeys(due), rotateDueKeys(due)]);
    expect([...first!, ...second!].filter((id) => id === keyId)).toHaveLength(1);
    const rotated = await describeKey(admin, keyId);
    expect(rotated.currentVersion).toBe(2);
    expect(rotated.versions[0]).toMatchObject({ version: 2, rotationType: 'Automatic', isCurrent: true });
    // The next rotation counts from this one.
    expect(Math.round((new Date(rotated.nextRotationDate!).getTime() - due.getTime()) / DAY_MS)).toBe(90);

    for (let rotation = 0; rotation < MAX_ON_DEMAND_ROTATIONS; rotation += 1) await rotateKeyOnDemand(admin, keyId);
    expect(await errorCodeOf(rotateKeyOnDemand(admin, keyId))).toBe('LimitExceededException');
    expect((await describeKey(admin, keyId)).versions).toHaveLength(2 + MAX_ON_DEMAND_ROTATIONS);

    expect(await disableKeyRotation(admin, keyId)).toMatchObject({ rotationEnabled: false, nextRotationDate: null });
  });
});

describe('aliases', () => {
  it('creates, moves and deletes aliases, and encryption follows at once', async () => {
    const blue = await createKey(admin, { description: 'blue' });
    const green = await createKey(admin, { description: 'green' });
    await createAlias(admin, { aliasName: 'alias/app', targetKeyId: blue.keyId });
    expect(await errorCodeOf(createAlias(admin, { aliasName: 'alias/app', targetKeyId: green.keyId }))).toBe('AlreadyExistsException');
    expect((await resolveKeyForEncrypt('alias/app')).keyId).toBe(blue.keyId);

    const moved = await updateAlias(admin, { aliasName: 'alias/app', targetKeyId: green.keyId });
    expect(moved.targetKeyId).toBe(green.keyId);
    expect((await resolveKeyForEncrypt('alias/app')).keyId).toBe(green.keyId);
    expect((await listAliases(admin, green.keyId)).map((alias) => alias.aliasName)).toEqual(['alias/app']);
    expect(await listAliases(admin, blue.keyId)).toEqual([]);

    await deleteAlias(admin, 'alias/app');
    expect(await errorCodeOf(resolveKeyForEncrypt('alias/app'))).toBe('InvalidKeyId');
    expect(await errorCodeOf(deleteAlias(admin, 'alias/app'))).toBe('NotFoundException');
    expect((await describeKey(admin, green.keyId)).state).toBe('Enabled');
  });

  it('updates a description but not of a key pending deletion', async () => {
    const { keyId } = await createKey(admin, { description: 'old' });
    expect((await updateKeyDescription(admin, keyId, { description: 'new' })).description).toBe('new');
    await scheduleKeyDeletion(admin, keyId, {});
    expect(await errorCodeOf(updateKeyDescription(admin, keyId, { description: 'newer' }))).toBe('KMSInvalidStateException');
  });
});
