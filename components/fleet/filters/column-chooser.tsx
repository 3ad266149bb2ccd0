'use client';

import { NODE_COLUMNS, type NodeColumnId } from '@/server/fleet/filters';

const panelClass = 'absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg';
const summaryClass = 'cursor-pointer list-none rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';

/** Which columns the table shows (and the CSV export writes); at least one stays. */
export function ColumnChooser({ columns, onChange }: { columns: NodeColumnId[]; onChange: (next: NodeColumnId[]) => void }) {
  return (
    <details className="relative">
      <summary className={summaryClass}>Columns</summary>
      <fieldset className={panelClass}>
        <legend className="sr-only">Visible columns</legend>
        {NODE_COLUMNS.map((column) => {
          const isShown = columns.includes(column.id);
          return (
            <label key={column.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                checked={isShown}
                disabled={isShown && columns.length === 1}
                onChange={() => onChange(isShown ? columns.filter((id) => id !== column.id) : [...columns, column.id])}
              />
              {column.label}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
