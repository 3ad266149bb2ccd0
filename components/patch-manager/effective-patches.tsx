'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageButtons } from '@/components/run-command/page-buttons';
import { Badge, Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';
import { effectivePatchesQuery } from './queries';

const STATUS_TONES = { APPROVED: 'emerald', EXPLICIT_APPROVED: 'emerald', PENDING_APPROVAL: 'amber', EXPLICIT_REJECTED: 'red' } as const;

/** What the baseline decides about the updates nodes of its OS have been offered. */
export function EffectivePatches({ baselineId }: { baselineId: string }) {
  const [page, setPage] = useState(1);
  const { data, error } = useQuery(effectivePatchesQuery(baselineId, page));
  return (
    <Section title="Effective patches" description="Updates nodes have been offered, as this baseline decides on them today (approved, pending approval or rejected).">
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {data && data.patches.length === 0 && <p className="px-5 py-4 text-sm text-slate-500">No offered update is selected by this baseline yet. Scan nodes to fill the catalogue.</p>}
      {data && data.patches.length > 0 && (
        <>
          <DataTable label="Effective patches" columns={['Package', 'Version', 'Classification', 'Released', 'Status', 'Compliance level']}>
            {data.patches.map(({ Patch, PatchStatus }) => (
              <tr key={Patch.Id}>
                <td className={tableStyles.td}><span className="font-medium">{Patch.Name}</span><span className="block text-xs text-slate-500">{Patch.Repository || Patch.Product}</span></td>
                <td className={`${tableStyles.td} font-mono text-xs`}>{Patch.Version}{Patch.Release ? `-${Patch.Release}` : ''}</td>
                <td className={tableStyles.td}>{Patch.Classification || '—'}</td>
                <td className={`${tableStyles.td} whitespace-nowrap`}>{dateTime(Patch.ReleaseDate ?? null)}</td>
                <td className={tableStyles.td}>
                  <Badge tone={STATUS_TONES[PatchStatus.DeploymentStatus as keyof typeof STATUS_TONES] ?? 'slate'}>{PatchStatus.DeploymentStatus}</Badge>
                  {PatchStatus.DeploymentStatus === 'PENDING_APPROVAL' && PatchStatus.ApprovalDate && <span className="block text-xs text-slate-500">{`from ${dateTime(PatchStatus.ApprovalDate)}`}</span>}
                </td>
                <td className={tableStyles.td}>{PatchStatus.ComplianceLevel}</td>
              </tr>
            ))}
          </DataTable>
          <PageButtons page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={setPage} />
        </>
      )}
    </Section>
  );
}
