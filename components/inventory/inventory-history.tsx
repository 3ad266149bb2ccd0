'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageButtons } from '@/components/run-command/page-buttons';
import { Badge } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';
import { historyQuery, type HistoryEntry } from './queries';

const TONES = { Added: 'emerald', Changed: 'amber', Removed: 'red' } as const;

/** What moved between two collections: "3.0.11-1 → 3.0.15-1" for a changed package. */
function changeText(row: HistoryEntry): string {
  if (row.change === 'Changed' && row.before && row.after) {
    const moved = Object.keys({ ...row.before, ...row.after }).filter((key) => row.before![key] !== row.after![key]);
    return moved.map((key) => `${key}: ${row.before![key] ?? '—'} → ${row.after![key] ?? '—'}`).join('; ');
  }
  const entry = row.after ?? row.before ?? {};
  return entry.Version ? `version ${entry.Version}` : Object.entries(entry).slice(0, 3).map(([key, value]) => `${key}: ${value}`).join('; ');
}

/** The node's inventory changes, newest first (a type's first collection is its baseline, not a change). */
export function InventoryHistory({ nodeId, typeName }: { nodeId: string; typeName: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery(historyQuery(nodeId, typeName, page));
  if (error) return <div className="p-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <p className="px-5 py-4 text-sm text-slate-500">Loading changes…</p>;
  if (data.rows.length === 0) {
    return <div className="p-5"><EmptyState title="No changes recorded yet">Changes show from the second collection on: what appeared, changed or disappeared, and when.</EmptyState></div>;
  }
  return (
    <>
      <DataTable label="Inventory changes" columns={['When', 'Change', 'Type', 'Entry', 'Details']}>
        {data.rows.map((row) => (
          <tr key={row.id} data-change={row.change} data-item={row.itemKey}>
            <td className={`${tableStyles.td} whitespace-nowrap`} title={dateTime(row.capturedAt)}>{timeAgo(row.capturedAt)}</td>
            <td className={tableStyles.td}><Badge tone={TONES[row.change]}>{row.change}</Badge></td>
            <td className={`${tableStyles.td} text-slate-600`}>{row.typeName}</td>
            <td className={`${tableStyles.td} font-mono text-xs`}>{row.itemKey}</td>
            <td className={`${tableStyles.td} text-slate-600`}>{changeText(row)}</td>
          </tr>
        ))}
      </DataTable>
      <PageButtons page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={setPage} />
    </>
  );
}
