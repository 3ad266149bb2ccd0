import { createHash } from 'node:crypto';
import type { InventoryItem } from '../protocol';

export type InventoryRecord = Record<string, string>;

/** PutInventory's limits on one attribute value. */
const MAX_VALUE_LENGTH = 4096;
export const MAX_RECORDS = 10_000;

/** AWS's CaptureTime: UTC to the second, `2026-12-02T10:00:00Z`. */
export function captureTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An attribute for a date, in the same form as CaptureTime. */
export function inventoryDate(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '' : captureTime(new Date(ms));
}

/** Drops empty attributes (AWS leaves out what a node does not know) and caps long ones. */
function cleanRecord(record: InventoryRecord): InventoryRecord {
  const clean: InventoryRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== '') clean[key] = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
  }
  return clean;
}

/** One inventory type as PutInventory takes it; the hash lets the server skip content it already has. */
export function inventoryItem(typeName: string, records: InventoryRecord[], capturedAt: Date, schemaVersion = '1.0'): InventoryItem {
  const content = records.slice(0, MAX_RECORDS).map(cleanRecord);
  return {
    TypeName: typeName,
    SchemaVersion: schemaVersion,
    CaptureTime: captureTime(capturedAt),
    ContentHash: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
    Content: content,
  };
}

/** socket.io closes the connection on a message over its 1 MB maxHttpBufferSize; this leaves room for the envelope. */
export const MAX_PUT_BYTES = 900_000;
/** Free-text attributes a big package list can do without, longest first. */
const DROPPABLE = ['Summary', 'URL', 'Publisher', 'PackageId'];

/**
 * Makes an item fit in one socket message by leaving out free-text attributes, and says which
 * were dropped. Throws when even that is not enough.
 */
export function fitForSocket(item: InventoryItem): { item: InventoryItem; dropped: string[] } {
  const size = (candidate: InventoryItem) => Buffer.byteLength(JSON.stringify(candidate));
  let fitted = item;
  const dropped: string[] = [];
  for (const field of DROPPABLE) {
    if (size(fitted) <= MAX_PUT_BYTES) break;
    const content = (fitted.Content ?? []).map(({ [field]: _dropped, ...rest }) => rest);
    fitted = { ...fitted, Content: content, ContentHash: createHash('sha256').update(JSON.stringify(content)).digest('hex') };
    dropped.push(field);
  }
  if (size(fitted) > MAX_PUT_BYTES) throw new Error(`${item.TypeName} is ${size(fitted)} bytes, more than one message can carry (${MAX_PUT_BYTES})`);
  return { item: fitted, dropped };
}
