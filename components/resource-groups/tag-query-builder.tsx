'use client';

import { inputClass } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';

export interface TagRow {
  id: number;
  key: string;
  /** Comma-separated: tag values cannot contain commas, so the split is unambiguous. */
  values: string;
}

export const MAX_TAG_ROWS = 20;

let nextRowId = 1;
export const newTagRow = (key = '', values = ''): TagRow => ({ id: nextRowId++, key, values });

export const tagRowsOf = (tagQuery: Record<string, string[]>): TagRow[] =>
  Object.keys(tagQuery).length === 0 ? [newTagRow()] : Object.entries(tagQuery).map(([key, values]) => newTagRow(key, values.join(', ')));

export const splitValues = (text: string) => text.split(',').map((value) => value.trim()).filter(Boolean);

/**
 * Turns the rows into the API's tag query, or says what is wrong in words the form can show. A key
 * on two rows is refused rather than merged: two rows read as "and", a merge would mean "or".
 */
export function tagQueryOf(rows: TagRow[]): { tagQuery: Record<string, string[]> } | { error: string } {
  const tagQuery: Record<string, string[]> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.values.trim()) continue;
    if (!key) return { error: `A row has values (${row.values.trim()}) but no tag key.` };
    if (key in tagQuery) return { error: `The tag key ${key} is on two rows; put all its values on one row, separated by commas.` };
    tagQuery[key] = splitValues(row.values);
  }
  return { tagQuery };
}

/** Rows of "tag key = one of these values"; every row must hold for a node to be a member. */
export function TagQueryBuilder({ rows, onChange }: { rows: TagRow[]; onChange: (rows: TagRow[]) => void }) {
  const update = (id: number, patch: Partial<TagRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium">Tag query</legend>
      <p className="text-xs text-slate-500">
        A node is a member when it has <strong>every</strong> tag key below with <strong>any one</strong> of that key&apos;s values. Membership follows tag changes at once.
      </p>
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] gap-2 text-xs font-medium uppercase tracking-wide text-slate-500">
        <span>Tag key</span>
        <span>Values (comma-separated)</span>
        <span className="sr-only">Remove</span>
      </div>
      <ul className="space-y-2">
        {rows.map((row, index) => (
          <li key={row.id} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-center gap-2">
            <input
              className={inputClass}
              aria-label={`Tag key ${index + 1}`}
              placeholder="Environment"
              value={row.key}
              maxLength={128}
              autoComplete="off"
              onChange={(event) => update(row.id, { key: event.target.value })}
            />
            <input
              className={inputClass}
              aria-label={`Values of tag key ${index + 1}`}
              placeholder="prod, staging"
              value={row.values}
              autoComplete="off"
              onChange={(event) => update(row.id, { values: event.target.value })}
            />
            <button
              type="button"
              className={buttonStyles.secondary}
              aria-label={`Remove tag key ${index + 1}`}
              disabled={rows.length === 1}
              onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className={buttonStyles.secondary} disabled={rows.length >= MAX_TAG_ROWS} onClick={() => onChange([...rows, newTagRow()])}>
        Add tag key
      </button>
    </fieldset>
  );
}
