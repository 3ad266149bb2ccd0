import type { ReactNode } from 'react';

/** The look of the console's list tables (fleet, activations, identity, audit). */
export const tableStyles = {
  table: 'w-full text-left text-sm',
  head: 'border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500',
  th: 'px-4 py-2.5 font-medium',
  body: 'divide-y divide-slate-100',
  td: 'px-4 py-2.5 align-top',
};

/**
 * A labelled table with one header row; the rows are the children. A column given as `false` or
 * `undefined` is left out (one the viewer may not see). `hasActions` adds a last column for row
 * buttons, with no visible heading but still announced as "Actions".
 */
export function DataTable({
  label,
  columns,
  hasActions = false,
  children,
}: {
  label: string;
  columns: (string | false | undefined)[];
  hasActions?: boolean;
  children: ReactNode;
}) {
  return (
    <table className={tableStyles.table} aria-label={label}>
      <thead className={tableStyles.head}>
        <tr>
          {columns.filter((column) => typeof column === 'string').map((column) => (
            <th key={column} className={tableStyles.th}>{column}</th>
          ))}
          {hasActions && <th className={tableStyles.th}><span className="sr-only">Actions</span></th>}
        </tr>
      </thead>
      <tbody className={tableStyles.body}>{children}</tbody>
    </table>
  );
}
