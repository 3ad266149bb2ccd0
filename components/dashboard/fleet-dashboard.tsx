'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { dashboardQuery, type Dashboard } from './queries';
import { fleetLinks } from './fleet-links';
import { StatTiles, StatTilesSkeleton } from './stat-tiles';
import { DonutCard, type Slice } from './donut-card';
import { BarChartCard, type BarRow } from './bar-chart-card';
import { ComplianceCard } from './compliance-card';
import { categoricalColor, chartColors } from './card';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';

const STATUS_LABELS = { Online: 'Online', ConnectionLost: 'Connection lost', Inactive: 'Inactive' } as const;
const MAX_BARS = 10;
const UNASSIGNED = 'Unassigned';

function statusSlices(data: Dashboard): Slice[] {
  return (Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((status) => ({
    key: status,
    label: STATUS_LABELS[status],
    count: data.byPingStatus[status],
    color: chartColors[status],
    href: fleetLinks.status(status),
  }));
}

/** Region, account or platform slices; nodes without a value are "Unassigned", drawn grey, with no link. */
function valueSlices(counts: Dashboard['byRegion'], hrefOf: (value: string | null) => string | undefined, missingLabel = UNASSIGNED): Slice[] {
  let colorIndex = 0;
  return counts.map(({ value, count }) => ({
    key: value ?? '__none',
    label: value ?? missingLabel,
    count,
    color: value === null ? chartColors.muted : categoricalColor(colorIndex++),
    href: hrefOf(value),
  }));
}

function osRows(data: Dashboard): BarRow[] {
  const colorOf = new Map<string | null, string>();
  return data.byOs.slice(0, MAX_BARS).map(({ name, version, count }) => {
    // One colour per OS family, so Ubuntu 22.04 and 24.04 read as the same OS.
    if (!colorOf.has(name)) colorOf.set(name, name === null ? chartColors.muted : categoricalColor(colorOf.size));
    return {
      key: `${name}\u0000${version}`,
      label: name === null ? 'Not reported yet' : [name, version].filter(Boolean).join(' '),
      count,
      color: colorOf.get(name)!,
      href: fleetLinks.os(name, version),
    };
  });
}

function agentRows(data: Dashboard): BarRow[] {
  return data.byAgentVersion.slice(0, MAX_BARS).map(({ value, count, isOutdated }) => ({
    key: value ?? '__none',
    label: value ?? 'Not reported yet',
    count,
    color: value === null ? chartColors.muted : isOutdated ? chartColors.outdated : chartColors.current,
    href: fleetLinks.agent(value),
    note: isOutdated ? 'outdated' : value !== null && value === data.newestAgentVersion ? 'newest' : undefined,
  }));
}

const moreThan = (shown: number, all: number, noun: string) =>
  all > shown ? <p className="mt-2 text-xs text-slate-500">{`Showing the ${shown} most common of ${all} ${noun}.`}</p> : null;

export function FleetDashboard() {
  const { data, error, isPending } = useQuery(dashboardQuery());

  if (error) return <ErrorNotice error={error} />;
  if (isPending) {
    return (
      <div className="space-y-5" aria-busy="true">
        <p className="sr-only">Loading the fleet dashboard…</p>
        <StatTilesSkeleton />
        <div className="grid gap-5 xl:grid-cols-3">
          {[0, 1, 2].map((index) => <div key={index} className="h-56 animate-pulse rounded-lg border border-slate-200 bg-white" />)}
        </div>
      </div>
    );
  }
  if (data.total === 0) {
    return (
      <EmptyState title="No managed nodes yet">
        Create a <Link className="text-sky-700 underline" href="/activations">hybrid activation</Link>, then run{' '}
        <code className="rounded bg-slate-100 px-1">npm run agent -- register …</code> on a node. It shows up here the moment it registers.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-5">
      <StatTiles data={data} />
      <div className="grid items-stretch gap-5 xl:grid-cols-3">
        <DonutCard title="Ping status" description="Whether each node's agent is connected right now" slices={statusSlices(data)} total={data.total} />
        <BarChartCard
          className="xl:col-span-2"
          title="Operating systems"
          description="Nodes by OS name and version"
          rows={osRows(data)}
          emptyText="No node has reported its operating system yet."
          footer={moreThan(Math.min(MAX_BARS, data.byOs.length), data.byOs.length, 'OS versions')}
        />
      </div>
      <div className="grid items-stretch gap-5 xl:grid-cols-3">
        <BarChartCard
          className="xl:col-span-2"
          title="Agent versions"
          description={data.newestAgentVersion ? `Newest seen: ${data.newestAgentVersion}. Older agents are flagged outdated.` : 'No agent has reported its version yet.'}
          rows={agentRows(data)}
          emptyText="No agent has reported its version yet."
          footer={moreThan(Math.min(MAX_BARS, data.byAgentVersion.length), data.byAgentVersion.length, 'agent versions')}
        />
        <DonutCard title="Platforms" description="Nodes by platform type" slices={valueSlices(data.byPlatformType, fleetLinks.platform, 'Not reported yet')} total={data.total} />
      </div>
      <div className="grid items-stretch gap-5 xl:grid-cols-3">
        <DonutCard title="Regions" description="Where nodes live, as set at activation or per node" slices={valueSlices(data.byRegion, fleetLinks.region)} total={data.total} />
        <DonutCard title="Accounts" description="Which account each node belongs to" slices={valueSlices(data.byAccount, fleetLinks.account)} total={data.total} />
        <ComplianceCard />
      </div>
    </div>
  );
}
