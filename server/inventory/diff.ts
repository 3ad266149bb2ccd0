import type { InventoryChange } from '@/db/schema';

type Entry = Record<string, string>;

export interface EntryChange {
  itemKey: string;
  change: InventoryChange;
  before: Entry | null;
  after: Entry | null;
}

function sameEntry(a: Entry, b: Entry): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

/** What appeared, changed and disappeared between two keyed contents of one type. */
export function diffEntries(previous: Map<string, Entry>, next: Map<string, Entry>): EntryChange[] {
  const changes: EntryChange[] = [];
  for (const [itemKey, after] of next) {
    const before = previous.get(itemKey);
    if (!before) changes.push({ itemKey, change: 'Added', before: null, after });
    else if (!sameEntry(before, after)) changes.push({ itemKey, change: 'Changed', before, after });
  }
  for (const [itemKey, before] of previous) {
    if (!next.has(itemKey)) changes.push({ itemKey, change: 'Removed', before, after: null });
  }
  return changes;
}
