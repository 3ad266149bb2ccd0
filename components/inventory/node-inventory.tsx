'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section, linkClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { PageHeader } from '@/components/ui/page-header';
import { DataAge } from './data-age';
import { EntriesTable } from './entries-table';
import { InventoryHistory } from './inventory-history';
import { RefreshButton } from './refresh-button';
import { nodeSummaryQuery, type NodeSummary } from './queries';

const TABS = [
  { id: 'applications', label: 'Applications', types: ['AWS:Application'] },
  { id: 'network', label: 'Network', types: ['AWS:Network'] },
  { id: 'services', label: 'Services', types: ['AWS:Service'] },
  { id: 'files', label: 'Files', types: ['AWS:File'] },
  { id: 'instance', label: 'Instance', types: ['AWS:InstanceInformation', 'AWS:InstanceDetailedInformation'] },
  { id: 'custom', label: 'Custom', types: [] },
  { id: 'changes', label: 'Changes', types: [] },
] as const;
type TabId = (typeof TABS)[number]['id'];

function itemCount(summary: NodeSummary, types: readonly string[]): number | undefined {
  const counts = summary.types.filter((type) => types.includes(type.typeName)).map((type) => type.itemCount);
  return counts.length > 0 ? counts.reduce((sum, count) => sum + count, 0) : undefined;
}

function CustomTypes({ summary }: { summary: NodeSummary }) {
  const customTypes = summary.types.filter((type) => type.typeName.startsWith('Custom:')).map((type) => type.typeName);
  const [chosen, setChosen] = useState(customTypes[0]);
  if (!chosen) return <p className="px-5 py-4 text-sm text-slate-500">No custom inventory: JSON files the node drops in its custom inventory folder, or PutInventory of Custom: types, show here.</p>;
  return (
    <>
      <div className="border-b border-slate-200 px-5 py-3">
        <select aria-label="Custom type" className={sizedInputClass} value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {customTypes.map((typeName) => <option key={typeName}>{typeName}</option>)}
        </select>
      </div>
      <EntriesTable key={chosen} nodeId={summary.nodeId} typeName={chosen} label={chosen} />
    </>
  );
}

function HistoryTab({ summary }: { summary: NodeSummary }) {
  const [typeName, setTypeName] = useState('');
  return (
    <>
      <div className="border-b border-slate-200 px-5 py-3">
        <select aria-label="Changes of type" className={sizedInputClass} value={typeName} onChange={(event) => setTypeName(event.target.value)}>
          <option value="">Every type</option>
          {summary.types.map((type) => <option key={type.typeName}>{type.typeName}</option>)}
        </select>
      </div>
      <InventoryHistory key={typeName} nodeId={summary.nodeId} typeName={typeName} />
    </>
  );
}

function TabPanel({ tab, summary }: { tab: (typeof TABS)[number]; summary: NodeSummary }) {
  if (tab.id === 'custom') return <CustomTypes summary={summary} />;
  if (tab.id === 'changes') return <HistoryTab summary={summary} />;
  return (
    <div className="divide-y divide-slate-200">
      {tab.types.map((typeName) => <EntriesTable key={typeName} nodeId={summary.nodeId} typeName={typeName} label={tab.types.length > 1 ? typeName : tab.label} />)}
    </div>
  );
}

/** A node's inventory: its data age and "Refresh now", the types as tabs, and the change history. */
export function NodeInventory({ nodeId }: { nodeId: string }) {
  const { data, error, isPending } = useQuery(nodeSummaryQuery(nodeId));
  const [active, setActive] = useState<TabId>('applications');
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading inventory…</p>;
  const tab = TABS.find((candidate) => candidate.id === active)!;
  return (
    <Section
      title="Inventory"
      description={<>Collected <DataAge capturedAt={data.capturedAt} />{data.types.length === 0 && ': this node has not reported inventory yet'}</>}
      actions={<RefreshButton nodeId={nodeId} isOnline={data.pingStatus === 'Online'} />}
    >
      <div role="tablist" aria-label="Inventory types" className="flex gap-1 border-b border-slate-200 px-3">
        {TABS.map((candidate) => {
          const count = itemCount(data, candidate.types);
          return (
            <button key={candidate.id} type="button" role="tab" aria-selected={active === candidate.id} onClick={() => setActive(candidate.id)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active === candidate.id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}>
              {candidate.label}
              {count !== undefined && <span className="ml-1.5 text-xs text-slate-500">{count.toLocaleString('en')}</span>}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" aria-label={tab.label}>
        <TabPanel key={tab.id} tab={tab} summary={data} />
      </div>
    </Section>
  );
}

/** /inventory/[nodeId]: the node's inventory on a page of its own. */
export function NodeInventoryPage({ nodeId }: { nodeId: string }) {
  const { data } = useQuery(nodeSummaryQuery(nodeId));
  return (
    <>
      <PageHeader
        title={data ? `${data.name} inventory` : 'Node inventory'}
        description={data ? `${nodeId} · ${[data.platformName, data.platformVersion].filter(Boolean).join(' ') || 'unknown OS'}` : nodeId}
        actions={<Link href={`/fleet/${encodeURIComponent(nodeId)}`} className={linkClass}>Open in Fleet Manager</Link>}
      />
      <NodeInventory nodeId={nodeId} />
    </>
  );
}
