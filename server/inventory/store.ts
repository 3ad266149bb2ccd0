import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { inventoryEntries, inventoryHistory, inventoryTypes } from '@/db/schema';
import type { InventoryItem } from '@/agent/protocol';
import { getDb } from '@/server/context';
import { diffEntries, type EntryChange } from './diff';
import { keyEntries } from './item-keys';

type Entry = Record<string, string>;
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Rows per INSERT: PostgreSQL caps a statement at 65,535 parameters, history rows have 7 columns. */
const ROWS_PER_INSERT = 2000;

/** AWS leaves ContentHash to the sender; without one, the content's own digest decides "unchanged". */
export function contentHashOf(item: Pick<InventoryItem, 'ContentHash' | 'Content'>): string {
  return item.ContentHash || createHash('sha256').update(JSON.stringify(item.Content ?? [])).digest('hex');
}

function chunks<T>(rows: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) result.push(rows.slice(start, start + ROWS_PER_INSERT));
  return result;
}

async function writeEntryChanges(tx: Transaction, nodeId: string, typeName: string, changes: EntryChange[]): Promise<void> {
  const removed = changes.filter((change) => change.change === 'Removed').map((change) => change.itemKey);
  for (const keys of chunks(removed)) {
    await tx.delete(inventoryEntries).where(and(eq(inventoryEntries.nodeId, nodeId), eq(inventoryEntries.typeName, typeName), inArray(inventoryEntries.itemKey, keys)));
  }
  const upserts = changes.filter((change) => change.after).map((change) => ({ nodeId, typeName, itemKey: change.itemKey, data: change.after! }));
  for (const rows of chunks(upserts)) {
    await tx
      .insert(inventoryEntries)
      .values(rows)
      .onConflictDoUpdate({ target: [inventoryEntries.nodeId, inventoryEntries.typeName, inventoryEntries.itemKey], set: { data: sql`excluded.data` } });
  }
}

async function writeHistory(tx: Transaction, nodeId: string, typeName: string, capturedAt: Date, changes: EntryChange[]): Promise<void> {
  const rows = changes.map((change) => ({ nodeId, typeName, itemKey: change.itemKey, change: change.change, before: change.before, after: change.after, capturedAt }));
  for (const chunk of chunks(rows)) await tx.insert(inventoryHistory).values(chunk);
}

async function loadEntries(tx: Transaction, nodeId: string, typeName: string): Promise<Map<string, Entry>> {
  const rows = await tx
    .select({ itemKey: inventoryEntries.itemKey, data: inventoryEntries.data })
    .from(inventoryEntries)
    .where(and(eq(inventoryEntries.nodeId, nodeId), eq(inventoryEntries.typeName, typeName)));
  return new Map(rows.map((row) => [row.itemKey, row.data]));
}

export interface StoreOutcome {
  changed: boolean;
  changes: number;
}

/**
 * Keeps the latest content of one type for a node, in one transaction: entries replaced by what
 * differs, and a history row per entry that appeared, changed or disappeared. The first report of
 * a type is the baseline: its entries are stored without an "Added" row each (thousands of
 * packages did not all appear at that moment). Same ContentHash as stored: only the capture time
 * moves, so the data's age stays true.
 */
export async function storeInventoryItem(nodeId: string, item: InventoryItem, db: Database = getDb()): Promise<StoreOutcome> {
  const captureTime = new Date(item.CaptureTime);
  const contentHash = contentHashOf(item);
  return db.transaction(async (tx) => {
    // Serialises two reports of the same type from one node (a retry racing the original).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inventory:${nodeId}:${item.TypeName}`}))`);
    const [current] = await tx.select().from(inventoryTypes).where(and(eq(inventoryTypes.nodeId, nodeId), eq(inventoryTypes.typeName, item.TypeName)));
    if (current && current.contentHash === contentHash && current.schemaVersion === item.SchemaVersion) {
      await tx
        .update(inventoryTypes)
        .set({ captureTime: sql`greatest(${inventoryTypes.captureTime}, ${captureTime.toISOString()}::timestamptz)`, updatedAt: new Date() })
        .where(and(eq(inventoryTypes.nodeId, nodeId), eq(inventoryTypes.typeName, item.TypeName)));
      return { changed: false, changes: 0 };
    }
    const next = keyEntries(item.TypeName, item.Content ?? []);
    const previous = current ? await loadEntries(tx, nodeId, item.TypeName) : new Map<string, Entry>();
    const changes = diffEntries(previous, next);
    await writeEntryChanges(tx, nodeId, item.TypeName, changes);
    if (current) await writeHistory(tx, nodeId, item.TypeName, captureTime, changes);
    const values = { schemaVersion: item.SchemaVersion, captureTime, contentHash, itemCount: next.size, updatedAt: new Date() };
    await tx
      .insert(inventoryTypes)
      .values({ nodeId, typeName: item.TypeName, ...values })
      .onConflictDoUpdate({ target: [inventoryTypes.nodeId, inventoryTypes.typeName], set: values });
    return { changed: changes.length > 0 || !current, changes: changes.length };
  });
}

/** Removes one type's data from every node (DeleteInventory); returns how many nodes held it. */
export async function deleteInventoryType(typeName: string, db: Database = getDb()): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(inventoryTypes).where(eq(inventoryTypes.typeName, typeName)).returning({ nodeId: inventoryTypes.nodeId });
    await tx.delete(inventoryEntries).where(eq(inventoryEntries.typeName, typeName));
    return deleted.length;
  });
}
