import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { keyAliases, keyVersions, keys, type KeyRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { writeAndInvalidate } from '@/server/cache/invalidation';
import { allowedActions, authorize, isAllowed } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { performAfterLookup } from './perform-after-lookup';
import { aliasArn, keyArn } from './arn';
import { KMS_TOPIC, aliasCacheKey, keyCacheKey, type CachedKey } from './cache';
import { aliasExists, assertNotReserved, awsManaged, invalidState } from './errors';
import { addDays, addKeyVersion, changeKey, maybeRunKeyMaintenance } from './lifecycle';
import { newKeyMaterial, wrapKeyMaterial } from './material';
import { findKeyByRef } from './resolve';
import {
  createKeyInput,
  enableKeyRotationInput,
  keyRefSchema,
  scheduleKeyDeletionInput,
  updateKeyDescriptionInput,
  type CreateKeyInput,
  type EnableKeyRotationInput,
  type ScheduleKeyDeletionInput,
  type UpdateKeyDescriptionInput,
} from './schemas';
import { readKeyVersions, readKeyView, readKeyViews, type KeyVersionView, type KeyView } from './views';

/** KMS allows ten on-demand rotations per key over its life. */
export const MAX_ON_DEMAND_ROTATIONS = 10;

interface KeyActionSpec {
  name: string;
  iamAction: string;
  keyRef: string;
  parameters?: Record<string, unknown>;
  isAudited?: boolean;
}

/** perform() on one key named by the caller: its ARN is what gets authorised and audited. */
function performOnKey<T>(caller: Caller, { keyRef: rawRef, parameters, ...spec }: KeyActionSpec, action: (key: CachedKey) => Promise<T>): Promise<T> {
  const keyRef = keyRefSchema.parse(rawRef);
  return performAfterLookup(caller, { ...spec, parameters: { keyId: keyRef, ...parameters } }, () => findKeyByRef(keyRef), (key) => [key.keyArn], action);
}

function assertCustomerManaged(row: KeyRow, change: string): void {
  if (row.keyManager === 'AWS') throw awsManaged(row.arn, change);
}

export interface KeyList {
  keys: KeyView[];
  canCreate: boolean;
}

export async function listKeys(caller: Caller): Promise<KeyList> {
  maybeRunKeyMaintenance();
  return perform(caller, { name: 'ListKeys', iamAction: 'kms:ListKeys', isAudited: false }, async () => {
    const [views, canCreate] = await Promise.all([readKeyViews(), isAllowed(caller, { action: 'kms:CreateKey', resource: '*' })]);
    return { keys: views, canCreate };
  });
}

export interface KeyPermissions {
  canUpdate: boolean;
  canEnable: boolean;
  canDisable: boolean;
  canScheduleDeletion: boolean;
  canCancelDeletion: boolean;
  canManageRotation: boolean;
  canRotate: boolean;
  canManageAliases: boolean;
}

export interface KeyDetail extends KeyView {
  versions: KeyVersionView[];
  /** What the console should offer; all false for the AWS managed key, which nobody may change. */
  permissions: KeyPermissions;
}

const NO_PERMISSIONS: KeyPermissions = {
  canUpdate: false,
  canEnable: false,
  canDisable: false,
  canScheduleDeletion: false,
  canCancelDeletion: false,
  canManageRotation: false,
  canRotate: false,
  canManageAliases: false,
};

async function keyPermissions(caller: Caller, view: KeyView): Promise<KeyPermissions> {
  if (view.keyManager === 'AWS') return NO_PERMISSIONS;
  const on = (action: string) => ({ action, resource: view.arn });
  return allowedActions(caller, {
    canUpdate: on('kms:UpdateKeyDescription'),
    canEnable: on('kms:EnableKey'),
    canDisable: on('kms:DisableKey'),
    canScheduleDeletion: on('kms:ScheduleKeyDeletion'),
    canCancelDeletion: on('kms:CancelKeyDeletion'),
    canManageRotation: on('kms:EnableKeyRotation'),
    canRotate: on('kms:RotateKeyOnDemand'),
    canManageAliases: on('kms:CreateAlias'),
  });
}

/** DescribeKey: the key, its versions (never their material) and what the caller may do with it. */
export async function describeKey(caller: Caller, keyRef: string): Promise<KeyDetail> {
  maybeRunKeyMaintenance();
  return performOnKey(caller, { name: 'DescribeKey', iamAction: 'kms:DescribeKey', keyRef, isAudited: false }, async (key) => {
    const view = await readKeyView(key.keyId);
    const [versions, permissions] = await Promise.all([readKeyVersions(key.keyId, view.currentVersion), keyPermissions(caller, view)]);
    return { ...view, versions, permissions };
  });
}

/**
 * CreateKey: a customer managed symmetric key with its first version of material, and an alias
 * when given (which also needs kms:CreateAlias). Key and alias are created together or not at all.
 */
export async function createKey(caller: Caller, input: CreateKeyInput): Promise<KeyView> {
  const parsed = createKeyInput.parse(input);
  return perform(caller, { name: 'CreateKey', iamAction: 'kms:CreateKey', parameters: parsed }, async () => {
    const keyId = randomUUID();
    const arn = keyArn(keyId);
    if (parsed.alias) {
      assertNotReserved(parsed.alias);
      await authorize(caller, { action: 'kms:CreateAlias', resource: aliasArn(parsed.alias) });
      await authorize(caller, { action: 'kms:CreateAlias', resource: arn });
    }
    const aliasKeys = parsed.alias ? [aliasCacheKey(parsed.alias)] : [];
    await writeAndInvalidate(getDb(), KMS_TOPIC, [keyCacheKey(keyId), ...aliasKeys], async (tx) => {
      const now = new Date();
      await tx.insert(keys).values({ id: keyId, arn, description: parsed.description, tags: parsed.tags, keyManager: 'CUSTOMER', createdBy: caller.username, createdAt: now });
      await tx.insert(keyVersions).values({ keyId, version: 1, encryptedMaterial: wrapKeyMaterial(keyId, 1, newKeyMaterial()), createdAt: now });
      if (!parsed.alias) return;
      const [alias] = await tx.insert(keyAliases).values({ name: parsed.alias, keyId, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
      // Throwing rolls the key back with it: no key is left behind without the alias asked for.
      if (!alias) throw aliasExists(parsed.alias);
    });
    return readKeyView(keyId);
  });
}

export async function updateKeyDescription(caller: Caller, keyRef: string, input: UpdateKeyDescriptionInput): Promise<KeyView> {
  const parsed = updateKeyDescriptionInput.parse(input);
  return performOnKey(caller, { name: 'UpdateKeyDescription', iamAction: 'kms:UpdateKeyDescription', keyRef, parameters: parsed }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertCustomerManaged(row, 'changed');
      if (row.state === 'PendingDeletion') throw invalidState(row.arn, row.state, 'UpdateKeyDescription');
      await tx.update(keys).set({ description: parsed.description }).where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

export async function enableKey(caller: Caller, keyRef: string): Promise<KeyView> {
  return performOnKey(caller, { name: 'EnableKey', iamAction: 'kms:EnableKey', keyRef }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertCustomerManaged(row, 'enabled or disabled');
      if (row.state === 'PendingDeletion') throw invalidState(row.arn, row.state, 'EnableKey: cancel its deletion first');
      await tx.update(keys).set({ state: 'Enabled' }).where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

/** DisableKey: from the moment this returns, no replica encrypts or decrypts with the key. */
export async function disableKey(caller: Caller, keyRef: string): Promise<KeyView> {
  return performOnKey(caller, { name: 'DisableKey', iamAction: 'kms:DisableKey', keyRef }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertCustomerManaged(row, 'enabled or disabled');
      if (row.state === 'PendingDeletion') throw invalidState(row.arn, row.state, 'DisableKey');
      await tx.update(keys).set({ state: 'Disabled' }).where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

/** ScheduleKeyDeletion: unusable at once, deleted for good after 7–30 days unless cancelled. */
export async function scheduleKeyDeletion(caller: Caller, keyRef: string, input: ScheduleKeyDeletionInput = {}): Promise<KeyView> {
  const parsed = scheduleKeyDeletionInput.parse(input);
  return performOnKey(caller, { name: 'ScheduleKeyDeletion', iamAction: 'kms:ScheduleKeyDeletion', keyRef, parameters: parsed }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertCustomerManaged(row, 'deleted');
      if (row.state === 'PendingDeletion') throw invalidState(row.arn, row.state, 'ScheduleKeyDeletion');
      await tx.update(keys).set({ state: 'PendingDeletion', deletionDate: addDays(new Date(), parsed.pendingWindowInDays) }).where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

/** CancelKeyDeletion: the key comes back Disabled, as in KMS, so using it again is a deliberate step. */
export async function cancelKeyDeletion(caller: Caller, keyRef: string): Promise<KeyView> {
  return performOnKey(caller, { name: 'CancelKeyDeletion', iamAction: 'kms:CancelKeyDeletion', keyRef }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      if (row.state !== 'PendingDeletion') throw new OpsdeckError('KMSInvalidStateException', `${row.arn} is not pending deletion`);
      await tx.update(keys).set({ state: 'Disabled', deletionDate: null }).where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

function assertEnabledForRotation(row: KeyRow, operation: string): void {
  assertCustomerManaged(row, 'given another rotation schedule (AWS managed keys rotate every year)');
  if (row.state !== 'Enabled') throw invalidState(row.arn, row.state, operation);
}

export async function enableKeyRotation(caller: Caller, keyRef: string, input: EnableKeyRotationInput = {}): Promise<KeyView> {
  const parsed = enableKeyRotationInput.parse(input);
  return performOnKey(caller, { name: 'EnableKeyRotation', iamAction: 'kms:EnableKeyRotation', keyRef, parameters: parsed }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertEnabledForRotation(row, 'EnableKeyRotation');
      // Changing the period of a key already rotating counts from now, as KMS does.
      await tx
        .update(keys)
        .set({ rotationEnabled: true, rotationPeriodDays: parsed.rotationPeriodInDays, nextRotationDate: addDays(new Date(), parsed.rotationPeriodInDays) })
        .where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

export async function disableKeyRotation(caller: Caller, keyRef: string): Promise<KeyView> {
  return performOnKey(caller, { name: 'DisableKeyRotation', iamAction: 'kms:DisableKeyRotation', keyRef }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertEnabledForRotation(row, 'DisableKeyRotation');
      await tx.update(keys).set({ rotationEnabled: false, nextRotationDate: null }).where(eq(keys.id, row.id));
    });
    return readKeyView(key.keyId);
  });
}

/**
 * RotateKeyOnDemand: new material encrypts from now on; every older version still decrypts what
 * it encrypted. Every replica switches at commit.
 */
export async function rotateKeyOnDemand(caller: Caller, keyRef: string): Promise<KeyView> {
  return performOnKey(caller, { name: 'RotateKeyOnDemand', iamAction: 'kms:RotateKeyOnDemand', keyRef }, async (key) => {
    await changeKey(key.keyId, async (tx, row) => {
      assertEnabledForRotation(row, 'RotateKeyOnDemand');
      const [{ count }] = (await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(keyVersions)
        .where(and(eq(keyVersions.keyId, row.id), eq(keyVersions.rotationType, 'OnDemand')))) as [{ count: number }];
      if (count >= MAX_ON_DEMAND_ROTATIONS) {
        throw new OpsdeckError('LimitExceededException', `${row.arn} has been rotated on demand ${count} times, the most KMS allows; enable automatic rotation instead`);
      }
      await addKeyVersion(tx, row, 'OnDemand');
    });
    return readKeyView(key.keyId);
  });
}
