import { eq, like, sql } from 'drizzle-orm';
import { installSettings, inventoryEntries, inventoryTypes } from '@/db/schema';
import { getDb } from '@/server/context';
import type { PutContext } from './put-validation';

/** Settings key marking a custom type turned off by DeleteInventory DisableSchema; the value is its version. */
const DISABLED_PREFIX = 'inventory.disabled-type:';

export async function knownCustomTypes(): Promise<Set<string>> {
  const rows = await getDb().selectDistinct({ typeName: inventoryTypes.typeName }).from(inventoryTypes).where(like(inventoryTypes.typeName, 'Custom:%'));
  return new Set(rows.map((row) => row.typeName));
}

export async function disabledCustomTypes(): Promise<Map<string, string>> {
  const rows = await getDb().select().from(installSettings).where(like(installSettings.key, `${DISABLED_PREFIX}%`));
  return new Map(rows.map((row) => [row.key.slice(DISABLED_PREFIX.length), row.value]));
}

export async function putContext(isFromAgent: boolean): Promise<PutContext> {
  const [known, disabled] = await Promise.all([knownCustomTypes(), disabledCustomTypes()]);
  return { knownCustomTypes: known, disabledTypes: disabled, isFromAgent };
}

export async function disableCustomType(typeName: string, version: string): Promise<void> {
  await getDb()
    .insert(installSettings)
    .values({ key: `${DISABLED_PREFIX}${typeName}`, value: version })
    .onConflictDoUpdate({ target: installSettings.key, set: { value: version, updatedAt: new Date() } });
}

/** A put above the disabled version turns the type back on (AWS's way to re-enable a schema). */
export async function enableCustomType(typeName: string): Promise<void> {
  await getDb().delete(installSettings).where(eq(installSettings.key, `${DISABLED_PREFIX}${typeName}`));
}

export interface CustomTypeSummary {
  typeName: string;
  version: string;
  attributes: string[];
}

/** Custom types as their data describes them: the newest schema version reported and every attribute seen. */
export async function customTypeSchemas(): Promise<CustomTypeSummary[]> {
  const result = await getDb().execute<{ type_name: string; version: string; attributes: string[] | null }>(sql`
    select t.type_name, max(t.schema_version) as version,
      (select array_agg(distinct k order by k) from ${inventoryEntries} e, jsonb_object_keys(e.data) k where e.type_name = t.type_name) as attributes
    from ${inventoryTypes} t where t.type_name like 'Custom:%' group by t.type_name order by t.type_name`);
  return result.rows.map((row) => ({ typeName: row.type_name, version: row.version, attributes: row.attributes ?? [] }));
}
