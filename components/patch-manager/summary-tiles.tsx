'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '@/components/ui/notices';
import { summaryQuery, type FleetFilter } from './queries';

function Tile({ label, value, tone, onSelect }: { label: string; value: number; tone: string; onSelect: () => void }) {
  return (
    <button type="button" onClick={onSelect} className="rounded-lg border border-slate-200 bg-white p-4 text-left hover:border-slate-300">
      <span className="block text-xs uppercase tracking-wide text-slate-500">{label}</span>
      <span className={`mt-1 block text-2xl font-semibold ${tone}`}>{value.toLocaleString('en')}</span>
    </button>
  );
}

function Breakdown({ title, rows, emptyText }: { title: string; rows: { label: string; count: number }[]; emptyText: string }) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-xs uppercase tracking-wide text-slate-500">{title}</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{emptyText}</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm">
          {rows.map((row) => (
            <li key={row.label} className="flex items-center gap-2">
              <span className="w-32 shrink-0 truncate">{row.label}</span>
              <span className="h-2 flex-1 rounded bg-slate-100">
                <span className="block h-2 rounded bg-red-400" style={{ width: `${Math.max(4, (row.count / total) * 100)}%` }} />
              </span>
              <span className="w-12 text-right tabular-nums">{row.count.toLocaleString('en')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Fleet-wide patch compliance; a tile filters the table below to its nodes. */
export function SummaryTiles({ onFilter }: { onFilter: (filter: Partial<FleetFilter>) => void }) {
  const { data, error } = useQuery(summaryQuery());
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p className="text-sm text-slate-500">Loading patch compliance…</p>;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-4">
        <Tile label="Nodes" value={data.nodes} tone="text-slate-900" onSelect={() => onFilter({ compliance: undefined })} />
        <Tile label="Compliant" value={data.compliant} tone="text-emerald-700" onSelect={() => onFilter({ compliance: 'Compliant' })} />
        <Tile label="Non-compliant" value={data.nonCompliant} tone="text-red-700" onSelect={() => onFilter({ compliance: 'NonCompliant' })} />
        <Tile label="Never scanned" value={data.notScanned} tone="text-slate-600" onSelect={() => onFilter({ compliance: 'NotScanned' })} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Breakdown title="Non-compliant patches by severity" rows={data.bySeverity.map((row) => ({ label: row.severity, count: row.count }))} emptyText="No non-compliant patches." />
        <Breakdown title="Missing patches by classification" rows={data.missingByClassification.map((row) => ({ label: row.classification || 'Unclassified', count: row.count }))} emptyText="No missing patches." />
      </div>
    </div>
  );
}
