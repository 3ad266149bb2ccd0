'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section, linkClass } from '@/components/settings/ui';
import { tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';
import { ComplianceBadge } from './compliance-badge';
import { PatchNowDialog, type PatchNowScope } from './patch-now-dialog';
import { baselineHref, nodePatchesHref, nodesQuery, summaryQuery, PAGE_SIZE, type FleetFilter, type PatchNode } from './queries';
import { SummaryTiles } from './summary-tiles';

const COMPLIANCE_LABELS = { Compliant: 'Compliant', NonCompliant: 'Non-compliant', NotScanned: 'Never scanned' } as const;

function filterOf(params: URLSearchParams): FleetFilter {
  const compliance = params.get('compliance');
  return {
    compliance: compliance && compliance in COMPLIANCE_LABELS ? (compliance as FleetFilter['compliance']) : undefined,
    platformName: params.get('platformName') || undefined,
    patchGroup: params.get('patchGroup') || undefined,
  };
}

function filterInWords(filter: FleetFilter): string {
  const parts = [filter.compliance && COMPLIANCE_LABELS[filter.compliance].toLowerCase(), filter.platformName, filter.patchGroup && `patch group ${filter.patchGroup}`].filter(Boolean);
  return parts.length ? `every ${parts.join(', ')} node` : 'every node in the fleet';
}

function Counts({ node }: { node: PatchNode }) {
  if (!node.state) return <span className="text-slate-400">—</span>;
  const { MissingCount, FailedCount, InstalledPendingRebootCount } = node.state;
  return (
    <span className="tabular-nums">
      <span className={MissingCount ? 'text-red-700' : ''}>{MissingCount}</span>
      {' / '}
      <span className={FailedCount ? 'text-red-700' : ''}>{FailedCount}</span>
      {' / '}
      <span className={InstalledPendingRebootCount ? 'text-amber-700' : ''}>{InstalledPendingRebootCount}</span>
    </span>
  );
}

function NodeRow({ node, isSelected, onToggle }: { node: PatchNode; isSelected: boolean; onToggle: () => void }) {
  const { state } = node;
  return (
    <tr className="hover:bg-slate-50" data-node={node.nodeId}>
      <td className={tableStyles.td}>
        <input type="checkbox" className="accent-sky-600" aria-label={`Select ${node.name}`} checked={isSelected} onChange={onToggle} />
      </td>
      <td className={tableStyles.td}>
        <Link href={nodePatchesHref(node.nodeId)} className={`${linkClass} font-medium`}>{node.name}</Link>
        <span className="block font-mono text-xs text-slate-500">{node.nodeId}</span>
      </td>
      <td className={`${tableStyles.td} text-slate-700`}>{[node.platformName, node.platformVersion].filter(Boolean).join(' ') || '—'}</td>
      <td className={tableStyles.td}>{node.patchGroup ?? <span className="text-slate-400">—</span>}</td>
      <td className={`${tableStyles.td} whitespace-nowrap`}>{state ? <Link href={baselineHref(state.BaselineId)} className={`${linkClass} font-mono text-xs`}>{state.BaselineId}</Link> : <span className="text-slate-400">—</span>}</td>
      <td className={`${tableStyles.td} whitespace-nowrap`}>
        {state ? (
          <>
            <span className="block">{state.Operation}</span>
            <span className="block text-xs text-slate-500" title={dateTime(state.OperationEndTime)}>{timeAgo(state.OperationEndTime)}</span>
          </>
        ) : (
          <span className="text-slate-400">never</span>
        )}
      </td>
      <td className={tableStyles.td}><Counts node={node} /></td>
      <td className={`${tableStyles.td} whitespace-nowrap`}><ComplianceBadge isCompliant={node.isCompliant} /></td>
    </tr>
  );
}

/** Filters (compliance, OS, patch group) live in the URL so a filtered view can be shared. */
function FilterBar({ filter, onChange }: { filter: FleetFilter; onChange: (next: Partial<FleetFilter>) => void }) {
  const { data } = useQuery(summaryQuery());
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
      <select aria-label="Compliance" className={`${sizedInputClass} w-48`} value={filter.compliance ?? ''} onChange={(event) => onChange({ compliance: (event.target.value || undefined) as FleetFilter['compliance'] })}>
        <option value="">Any compliance</option>
        {Object.entries(COMPLIANCE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <select aria-label="Operating system" className={`${sizedInputClass} w-56`} value={filter.platformName ?? ''} onChange={(event) => onChange({ platformName: event.target.value || undefined })}>
        <option value="">Any operating system</option>
        {data?.platformNames.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      <select aria-label="Patch group" className={`${sizedInputClass} w-48`} value={filter.patchGroup ?? ''} onChange={(event) => onChange({ patchGroup: event.target.value || undefined })}>
        <option value="">Any patch group</option>
        {data?.patchGroups.map((group) => <option key={group} value={group}>{group}</option>)}
      </select>
    </div>
  );
}

/** The patch dashboard: fleet compliance, then the nodes with their last scan or install. */
export function PatchDashboard() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = filterOf(searchParams);
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [scope, setScope] = useState<PatchNowScope | null>(null);
  const { data, error, isPending } = useQuery(nodesQuery(filter, page));

  const navigate = (next: Partial<FleetFilter> & { page?: number }) => {
    const merged = { ...filter, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.compliance) params.set('compliance', merged.compliance);
    if (merged.platformName) params.set('platformName', merged.platformName);
    if (merged.patchGroup) params.set('patchGroup', merged.patchGroup);
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };
  const toggle = (nodeId: string) => setSelected((current) => {
    const next = new Set(current);
    if (!next.delete(nodeId)) next.add(nodeId);
    return next;
  });
  const pageIds = data?.nodes.map((node) => node.nodeId) ?? [];
  const isPageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const togglePage = () => setSelected((current) => {
    const next = new Set(current);
    for (const id of pageIds) {
      if (isPageSelected) next.delete(id);
      else next.add(id);
    }
    return next;
  });
  const isFiltered = Boolean(filter.compliance || filter.platformName || filter.patchGroup);
  const first = (page - 1) * PAGE_SIZE + 1;

  const actions = (
    <>
      <button type="button" className={buttonStyles.secondary} disabled={!data?.nodes.length} onClick={() => setScope({ filter, description: filterInWords(filter) })}>
        {isFiltered ? 'Patch all filtered' : 'Patch all'}
      </button>
      <button type="button" className={buttonStyles.primary} disabled={selected.size === 0} onClick={() => setScope({ nodeIds: [...selected] })}>
        {selected.size > 0 ? `Patch now (${selected.size})` : 'Patch now'}
      </button>
    </>
  );

  return (
    <div className="space-y-6">
      <SummaryTiles onFilter={(next) => navigate(next)} />
      <Section title="Nodes" description="Each node's last Scan or Install against its baseline. Missing / Failed / Pending reboot are patch counts." actions={actions}>
        <FilterBar filter={filter} onChange={(next) => navigate(next)} />
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading nodes…</p>}
        {data && data.nodes.length === 0 && (
          <div className="p-5">
            {isFiltered ? (
              <EmptyState title="No node matches these filters">
                <button type="button" className={linkClass} onClick={() => navigate({ compliance: undefined, platformName: undefined, patchGroup: undefined })}>Clear filters</button>
              </EmptyState>
            ) : (
              <EmptyState title="No managed nodes yet">
                <p>Register nodes with an activation; then scan them here to see which patches they miss.</p>
              </EmptyState>
            )}
          </div>
        )}
        {data && data.nodes.length > 0 && (
          <>
            <table className={tableStyles.table} aria-label="Nodes">
              <thead className={tableStyles.head}>
                <tr>
                  <th className={tableStyles.th}><input type="checkbox" className="accent-sky-600" aria-label="Select all nodes on this page" checked={isPageSelected} onChange={togglePage} /></th>
                  {['Node', 'Operating system', 'Patch group', 'Baseline', 'Last operation', 'Missing / Failed / Pending reboot', 'Compliance'].map((column) => <th key={column} className={tableStyles.th}>{column}</th>)}
                </tr>
              </thead>
              <tbody className={tableStyles.body}>
                {data.nodes.map((node) => <NodeRow key={node.nodeId} node={node} isSelected={selected.has(node.nodeId)} onToggle={() => toggle(node.nodeId)} />)}
              </tbody>
            </table>
            <PageButtons summary={`Nodes ${first.toLocaleString('en')}–${(first + data.nodes.length - 1).toLocaleString('en')}`} page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={(next) => navigate({ page: next })} />
          </>
        )}
      </Section>
      {scope && (
        <PatchNowDialog
          scope={scope}
          onClose={(isSent) => {
            setScope(null);
            if (isSent) setSelected(new Set());
          }}
        />
      )}
    </div>
  );
}

