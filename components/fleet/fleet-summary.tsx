'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { fleetSummaryQuery } from './queries';
import { ErrorNotice } from '@/components/ui/notices';

const TILES = [
  { status: 'Online', label: 'Online', tone: 'text-emerald-700' },
  { status: 'ConnectionLost', label: 'Connection lost', tone: 'text-amber-700' },
  { status: 'Inactive', label: 'Inactive', tone: 'text-slate-600' },
] as const;

export function FleetSummary() {
  const { data, error } = useQuery(fleetSummaryQuery());
  if (error) return <ErrorNotice error={error} />;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-4 gap-4">
        <Link href="/fleet" className="rounded-lg border border-slate-200 bg-white p-5 hover:border-sky-300">
          <div className="text-sm text-slate-500">Managed nodes</div>
          <div className="mt-1 text-3xl font-semibold" data-testid="summary-total">{data?.total ?? '…'}</div>
        </Link>
        {TILES.map((tile) => (
          <div key={tile.status} className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="text-sm text-slate-500">{tile.label}</div>
            <div className={`mt-1 text-3xl font-semibold ${tile.tone}`}>{data?.byPingStatus[tile.status] ?? '…'}</div>
          </div>
        ))}
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 font-medium">Operating systems</h2>
        {data && Object.keys(data.byPlatform).length === 0 && <p className="text-sm text-slate-500">No nodes have reported yet.</p>}
        <ul className="space-y-2 text-sm">
          {data &&
            Object.entries(data.byPlatform).map(([platform, count]) => (
              <li key={platform} className="flex items-center gap-3">
                <span className="w-56 truncate">{platform}</span>
                <span className="h-2 rounded bg-sky-500" style={{ width: `${Math.max(4, (count / Math.max(1, data.total)) * 300)}px` }} />
                <span className="text-slate-600">{count}</span>
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}
