import Link from 'next/link';
import type { Dashboard } from './queries';
import { fleetLinks } from './fleet-links';
import { percentOf } from './card';

interface Tile {
  label: string;
  value: number;
  href?: string;
  tone: string;
  detail: string;
  testId: string;
}

function tilesOf(data: Dashboard): Tile[] {
  const { total, byPingStatus: status } = data;
  return [
    { label: 'Managed nodes', value: total, href: fleetLinks.all(), tone: 'text-slate-900', detail: 'in the fleet', testId: 'summary-total' },
    { label: 'Online', value: status.Online, href: fleetLinks.status('Online'), tone: 'text-emerald-700', detail: `${percentOf(status.Online, total)} of the fleet`, testId: 'summary-online' },
    { label: 'Connection lost', value: status.ConnectionLost, href: fleetLinks.status('ConnectionLost'), tone: 'text-amber-700', detail: 'agent not heard from', testId: 'summary-connection-lost' },
    { label: 'Inactive', value: status.Inactive, href: fleetLinks.status('Inactive'), tone: 'text-slate-600', detail: 'deregistered', testId: 'summary-inactive' },
    {
      label: 'Outdated agents',
      value: data.outdatedAgentCount,
      href: data.newestAgentVersion && data.outdatedAgentCount > 0 ? fleetLinks.agentOlderThan(data.newestAgentVersion) : undefined,
      tone: data.outdatedAgentCount > 0 ? 'text-amber-700' : 'text-slate-900',
      detail: data.newestAgentVersion ? `older than ${data.newestAgentVersion}` : 'no agent version reported yet',
      testId: 'summary-outdated',
    },
  ];
}

/** The headline numbers; each opens Fleet Manager showing exactly the nodes it counts. */
export function StatTiles({ data }: { data: Dashboard }) {
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5">
      {tilesOf(data).map((tile) => {
        const body = (
          <>
            <div className="text-sm text-slate-500">{tile.label}</div>
            <div className={`mt-1 text-3xl font-semibold tabular-nums ${tile.tone}`} data-testid={tile.testId}>{tile.value.toLocaleString()}</div>
            <div className="mt-1 truncate text-xs text-slate-500">{tile.detail}</div>
          </>
        );
        return tile.href ? (
          <Link key={tile.label} href={tile.href} aria-label={`${tile.label}: ${tile.value}`} className="rounded-lg border border-slate-200 bg-white p-5 transition hover:border-sky-300 hover:shadow-sm">
            {body}
          </Link>
        ) : (
          <div key={tile.label} className="rounded-lg border border-slate-200 bg-white p-5">{body}</div>
        );
      })}
    </div>
  );
}

export function StatTilesSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5" aria-hidden>
      {Array.from({ length: 5 }, (_, index) => (
        <div key={index} className="h-[118px] animate-pulse rounded-lg border border-slate-200 bg-white p-5">
          <div className="h-3 w-24 rounded bg-slate-100" />
          <div className="mt-3 h-7 w-16 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
