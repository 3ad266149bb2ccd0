'use client';

import { useQuery } from '@tanstack/react-query';
import { Section } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { dashboardQuery, type InventoryFilter } from './queries';
import { ValueBars } from './value-counts';

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold">{value}</p>
      {detail && <p className="text-xs text-slate-500">{detail}</p>}
    </div>
  );
}

/** Coverage and freshness of the fleet's inventory, its OS spread and most installed packages. */
export function FleetOverview({ onQuery }: { onQuery: (filters: InventoryFilter[]) => void }) {
  const { data, error, isPending } = useQuery(dashboardQuery());
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading the fleet’s inventory…</p>;
  const { overview, topPackages } = data;
  const coverage = overview.managedNodes > 0 ? Math.round((overview.inventoriedNodes / overview.managedNodes) * 100) : 0;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label="Inventory coverage">
        <Stat label="Nodes with inventory" value={`${overview.inventoriedNodes} of ${overview.managedNodes}`} detail={`${coverage}% of registered nodes`} />
        <Stat label="Collected in the last hour" value={String(overview.ageBuckets.withinHour)} />
        <Stat label="1 to 24 hours old" value={String(overview.ageBuckets.withinDay)} />
        <Stat label="Older than a day" value={String(overview.ageBuckets.older)} detail={overview.ageBuckets.older > 0 ? 'these nodes have not reported lately' : undefined} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Top packages" description="Installed on the most nodes; pick one to find its nodes and versions.">
          <ValueBars
            label="Top packages"
            rows={topPackages.map((row) => ({ value: row.values.Name ?? '', count: row.count }))}
            total={overview.inventoriedNodes}
            empty="No node has reported packages yet."
            onPick={(name) => onQuery([{ typeName: 'AWS:Application', attribute: 'Name', operator: 'Equal', values: [name] }])}
          />
        </Section>
        <Section title="Operating systems" description="Nodes with inventory, by OS.">
          <ValueBars label="Operating systems" rows={overview.platforms.map((row) => ({ value: row.platformName, count: row.count }))} total={overview.inventoriedNodes} empty="No inventory collected yet." />
        </Section>
      </div>
    </div>
  );
}
