'use client';

import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ProcessInfo } from '@/agent/protocol';
import { buttonStyles } from '@/components/ui/notices';
import { LiveError, formatBytes, inputStyle, nodeTable } from './ui';
import { nodeProcessesQuery } from './queries';

type SortKey = 'pid' | 'user' | 'cpuPercent' | 'rssBytes' | 'state' | 'command';
const COLUMNS: { key: SortKey; label: string; isNumeric?: boolean }[] = [
  { key: 'pid', label: 'PID', isNumeric: true },
  { key: 'user', label: 'User' },
  { key: 'cpuPercent', label: '% CPU', isNumeric: true },
  { key: 'rssBytes', label: 'Memory', isNumeric: true },
  { key: 'state', label: 'State' },
  { key: 'command', label: 'Command' },
];

const STATES: Record<string, string> = { R: 'running', S: 'sleeping', D: 'disk wait', Z: 'zombie', T: 'stopped', t: 'traced', I: 'idle', X: 'dead' };

function compare(a: ProcessInfo, b: ProcessInfo, key: SortKey): number {
  const left = a[key];
  const right = b[key];
  return typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
}

/** The node's processes, busiest first; sortable by any column, filterable, refreshed on demand. */
export function ProcessesTab({ nodeId }: { nodeId: string }) {
  const { data, error, isPending, isFetching, refetch } = useQuery(nodeProcessesQuery(nodeId));
  const [sort, setSort] = useState<{ key: SortKey; isDescending: boolean }>({ key: 'cpuPercent', isDescending: true });
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matching = (data?.processes ?? []).filter(
      (process) => !needle || process.command.toLowerCase().includes(needle) || process.user.toLowerCase().includes(needle) || String(process.pid) === needle,
    );
    return matching.sort((a, b) => (sort.isDescending ? -1 : 1) * compare(a, b, sort.key) || a.pid - b.pid);
  }, [data, filter, sort]);

  if (error) return <LiveError error={error} what="processes" />;
  if (isPending) return <p className="text-sm text-slate-500">Reading the process list…</p>;

  const handleSort = (key: SortKey, isNumeric = false) =>
    setSort((current) => (current.key === key ? { key, isDescending: !current.isDescending } : { key, isDescending: isNumeric }));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <input className={`${inputStyle} w-72`} aria-label="Filter processes" placeholder="Filter by command, user or PID" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <button type="button" className={buttonStyles.secondary} onClick={() => void refetch()} disabled={isFetching}>
          {isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
        <span className="text-sm text-slate-600">
          {rows.length} shown of {data.total} processes · %CPU over {(data.intervalMs / 1000).toFixed(1)} s up to {new Date(data.sampledAt).toLocaleTimeString('en-GB')}
          {data.truncated && ` · the list is capped at the ${data.processes.length} busiest`}
        </span>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={nodeTable.table} aria-label="Processes">
          <thead className={nodeTable.head}>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column.key} scope="col" className={`${nodeTable.th} ${column.isNumeric ? 'text-right' : ''}`} aria-sort={sort.key === column.key ? (sort.isDescending ? 'descending' : 'ascending') : undefined}>
                  <button type="button" className="uppercase hover:text-slate-900" onClick={() => handleSort(column.key, column.isNumeric)}>
                    {column.label}
                    {sort.key === column.key ? (sort.isDescending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={nodeTable.body}>
            {rows.map((process) => (
              <tr key={process.pid}>
                <td className={`${nodeTable.td} text-right font-mono text-xs tabular-nums`}>{process.pid}</td>
                <td className={nodeTable.td}>{process.user}</td>
                <td className={`${nodeTable.td} text-right tabular-nums`}>{process.cpuPercent.toFixed(1)}</td>
                <td className={`${nodeTable.td} text-right tabular-nums`}>{formatBytes(process.rssBytes)}</td>
                <td className={nodeTable.td} title={STATES[process.state[0] ?? ''] ?? process.state}>{STATES[process.state[0] ?? ''] ?? process.state}</td>
                <td className={`${nodeTable.td} max-w-xl truncate font-mono text-xs`} title={process.command}>{process.command}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
