'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PatchState } from '@/agent/protocol';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';
import { ComplianceBadge, PatchStateBadge } from './compliance-badge';
import { PatchNowDialog } from './patch-now-dialog';
import { baselineHref, nodePatchesQuery, PATCH_STATE_NAMES, type NodePatchState } from './queries';

function StateSummary({ state }: { state: NodePatchState }) {
  const counts: [string, number][] = [
    ['Installed', state.InstalledCount],
    ['Installed other', state.InstalledOtherCount],
    ['Pending reboot', state.InstalledPendingRebootCount],
    ['Installed rejected', state.InstalledRejectedCount],
    ['Missing', state.MissingCount],
    ['Failed', state.FailedCount],
    ['Not applicable', state.NotApplicableCount],
  ];
  const isCompliant = state.MissingCount + state.FailedCount + state.InstalledPendingRebootCount + state.InstalledRejectedCount === 0;
  return (
    <div className="space-y-3 px-5 py-4 text-sm">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
        <ComplianceBadge isCompliant={isCompliant} />
        <span>{`Last ${state.Operation} ${dateTime(state.OperationEndTime)}`}{state.Operation === 'Install' ? ` (${state.RebootOption})` : ''}</span>
        <span>Baseline <Link href={baselineHref(state.BaselineId)} className={`${linkClass} font-mono`}>{state.BaselineId}</Link></span>
        {state.PatchGroup && <span>{`Patch group ${state.PatchGroup}`}</span>}
      </div>
      {state.IsScanAfterRebootPending && <p className="text-slate-600">Rebooting to finish the last Install: the node is scanned again when it is back, and its patches update then.</p>}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-7">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** One node's patches as its last Scan or Install left them, by state. */
export function NodePatchesView({ nodeId }: { nodeId: string }) {
  const [state, setState] = useState<PatchState | ''>('');
  const [page, setPage] = useState(1);
  const [isPatching, setIsPatching] = useState(false);
  const { data, error, isPending } = useQuery(nodePatchesQuery(nodeId, state, page));
  const patchButton = <button type="button" className={buttonStyles.primary} onClick={() => setIsPatching(true)}>Patch now</button>;

  return (
    <div className="space-y-6">
      {error && <ErrorNotice error={error} />}
      {isPending && <p className="text-sm text-slate-500">Loading patches…</p>}
      {data && (
        <Section title="Patch state" description={<>Node <Link href={`/fleet/${encodeURIComponent(nodeId)}`} className={`${linkClass} font-mono`}>{nodeId}</Link>{data.state?.InstallOverrideList ? ` · install override list ${data.state.InstallOverrideList}` : ''}</>} actions={patchButton}>
          {data.state ? <StateSummary state={data.state} /> : <div className="p-5"><EmptyState title="This node has never been scanned">Patch now with Scan to compare it with its baseline.</EmptyState></div>}
        </Section>
      )}
      {data?.state && (
        <Section title="Patches">
          <div className="flex items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
            <select aria-label="Patch state" className={`${sizedInputClass} w-56`} value={state} onChange={(event) => { setState(event.target.value as PatchState | ''); setPage(1); }}>
              <option value="">Every state</option>
              {PATCH_STATE_NAMES.map((each) => <option key={each} value={each}>{each}</option>)}
            </select>
          </div>
          {data.patches.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">{state ? `No patch is ${state}.` : 'The last operation reported no patches.'}</p>
          ) : (
            <>
              <DataTable label="Patches" columns={['Patch', 'State', 'Classification', 'Severity', 'Installed', 'CVEs']}>
                {data.patches.map((patch) => (
                  <tr key={patch.KBId} data-patch={patch.KBId}>
                    <td className={tableStyles.td}><span className="font-medium">{patch.KBId}</span><span className="block text-xs text-slate-500">{patch.Title}</span></td>
                    <td className={tableStyles.td}><PatchStateBadge state={patch.State} /></td>
                    <td className={tableStyles.td}>{patch.Classification || '—'}</td>
                    <td className={tableStyles.td}>{patch.Severity || '—'}</td>
                    <td className={`${tableStyles.td} whitespace-nowrap`}>{new Date(patch.InstalledTime).getTime() > 0 ? dateTime(patch.InstalledTime) : '—'}</td>
                    <td className={`${tableStyles.td} max-w-48 truncate text-xs`}>{patch.CVEIds || '—'}</td>
                  </tr>
                ))}
              </DataTable>
              <PageButtons page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={setPage} />
            </>
          )}
        </Section>
      )}
      {data?.state?.SnapshotId && <p className="text-xs text-slate-500">{`Snapshot ${data.state.SnapshotId}`}{data.state.OperationStartTime ? ` · started ${dateTime(data.state.OperationStartTime)}` : ''}</p>}
      {isPatching && <PatchNowDialog scope={{ nodeIds: [nodeId] }} onClose={() => setIsPatching(false)} />}
    </div>
  );
}

