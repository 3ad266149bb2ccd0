import { asc, eq } from 'drizzle-orm';
import { keyAliases, type KeyAliasRow } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { aliasArn, keyArn } from './arn';
import type { CachedKey } from './cache';
import { aliasExists, aliasNotFound, assertNotReserved, awsManaged, invalidState } from './errors';
import { changeKey } from './lifecycle';
import { performAfterLookup } from './perform-after-lookup';
import { findKeyByRef } from './resolve';
import { aliasInput, aliasNameSchema, keyRefSchema, type AliasInput } from './schemas';
import type { AliasView } from './views';

function toAliasView(row: KeyAliasRow): AliasView {
  return { aliasName: row.name, aliasArn: aliasArn(row.name), targetKeyId: row.keyId, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** Aliases may point at customer keys that are not pending deletion. */
function assertAliasTarget(key: Pick<CachedKey, 'keyArn' | 'keyManager' | 'state'>): void {
  if (key.keyManager === 'AWS') throw awsManaged(key.keyArn, 'given aliases');
  if (key.state === 'PendingDeletion') throw invalidState(key.keyArn, key.state, 'aliases');
}

async function findAlias(aliasName: string): Promise<KeyAliasRow> {
  const [row] = await getDb().select().from(keyAliases).where(eq(keyAliases.name, aliasName));
  if (!row) throw aliasNotFound(aliasName);
  return row;
}

/** ListAliases: every alias, or those of one key. */
export async function listAliases(caller: Caller, keyRef?: string): Promise<AliasView[]> {
  return perform(caller, { name: 'ListAliases', iamAction: 'kms:ListAliases', isAudited: false }, async () => {
    const keyId = keyRef ? (await findKeyByRef(keyRefSchema.parse(keyRef))).keyId : undefined;
    const rows = await getDb()
      .select()
      .from(keyAliases)
      .where(keyId ? eq(keyAliases.keyId, keyId) : undefined)
      .orderBy(asc(keyAliases.name));
    return rows.map(toAliasView);
  });
}

/** CreateAlias: needs kms:CreateAlias on the alias and on the key, as in KMS. */
export async function createAlias(caller: Caller, input: AliasInput): Promise<AliasView> {
  const parsed = aliasInput.parse(input);
  const lookup = async () => {
    assertNotReserved(parsed.aliasName);
    return findKeyByRef(parsed.targetKeyId);
  };
  const resourcesOf = (target: CachedKey) => [aliasArn(parsed.aliasName), target.keyArn];
  return performAfterLookup(caller, { name: 'CreateAlias', iamAction: 'kms:CreateAlias', parameters: parsed }, lookup, resourcesOf, async (target) => {
    // Checked under the key's row lock: the key cannot be scheduled for deletion meanwhile.
    const created = await changeKey(
      target.keyId,
      async (tx, row) => {
        assertAliasTarget({ keyArn: row.arn, keyManager: row.keyManager, state: row.state });
        const [alias] = await tx.insert(keyAliases).values({ name: parsed.aliasName, keyId: row.id }).onConflictDoNothing().returning();
        if (!alias) throw aliasExists(parsed.aliasName);
        return alias;
      },
      [parsed.aliasName],
    );
    return toAliasView(created);
  });
}

/** UpdateAlias: points an alias at another key; needs kms:UpdateAlias on the alias and on both keys. */
export async function updateAlias(caller: Caller, input: AliasInput): Promise<AliasView> {
  const parsed = aliasInput.parse(input);
  const lookup = async () => {
    assertNotReserved(parsed.aliasName);
    return { current: await findAlias(parsed.aliasName), target: await findKeyByRef(parsed.targetKeyId) };
  };
  const resourcesOf = ({ current, target }: { current: KeyAliasRow; target: CachedKey }) => [aliasArn(parsed.aliasName), keyArn(current.keyId), target.keyArn];
  return performAfterLookup(caller, { name: 'UpdateAlias', iamAction: 'kms:UpdateAlias', parameters: parsed }, lookup, resourcesOf, async ({ target }) => {
    const updated = await changeKey(
      target.keyId,
      async (tx, row) => {
        assertAliasTarget({ keyArn: row.arn, keyManager: row.keyManager, state: row.state });
        const [alias] = await tx.update(keyAliases).set({ keyId: row.id, updatedAt: new Date() }).where(eq(keyAliases.name, parsed.aliasName)).returning();
        if (!alias) throw aliasNotFound(parsed.aliasName);
        return alias;
      },
      [parsed.aliasName],
    );
    return toAliasView(updated);
  });
}

/** DeleteAlias: only the name goes, the key stays. Needs kms:DeleteAlias on the alias and on the key. */
export async function deleteAlias(caller: Caller, aliasName: string): Promise<{ aliasName: string }> {
  const name = aliasNameSchema.parse(aliasName);
  const lookup = async () => {
    assertNotReserved(name);
    return findAlias(name);
  };
  const resourcesOf = (current: KeyAliasRow) => [aliasArn(name), keyArn(current.keyId)];
  return performAfterLookup(caller, { name: 'DeleteAlias', iamAction: 'kms:DeleteAlias', parameters: { aliasName: name } }, lookup, resourcesOf, async (current) => {
    await changeKey(
      current.keyId,
      async (tx) => {
        const deleted = await tx.delete(keyAliases).where(eq(keyAliases.name, name)).returning();
        if (deleted.length === 0) throw aliasNotFound(name);
      },
      [name],
    );
    return { aliasName: name };
  });
}
