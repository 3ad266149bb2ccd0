'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageButtons } from '@/components/run-command/page-buttons';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Badge, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { baselineHref, baselinesQuery, useDeleteBaseline, useSetDefaultBaseline, type BaselineSummary } from './queries';

const isPredefined = (baseline: BaselineSummary) => baseline.BaselineName.startsWith('AWS-');

/** Every baseline: the predefined ones (read-only) and the operator's, with the default per OS marked. */
export function BaselinesView() {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery(baselinesQuery(page));
  const setDefault = useSetDefaultBaseline();
  const remove = useConfirmMutation(useDeleteBaseline(), (baseline: BaselineSummary) => baseline.BaselineId);
  const createLink = <Link href="/patch-manager/baselines/new" className={buttonStyles.primary}>Create patch baseline</Link>;

  return (
    <Section title="Patch baselines" description="Which patches are approved for nodes of one operating system. Nodes use their patch group's baseline, else their OS default." actions={createLink}>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {setDefault.error && <div className="p-5"><ErrorNotice error={setDefault.error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading baselines…</p>}
      {data && data.baselines.length === 0 && <div className="p-5"><EmptyState title="No patch baselines">The predefined baselines appear when the server starts.</EmptyState></div>}
      {data && data.baselines.length > 0 && (
        <>
          <DataTable label="Patch baselines" columns={['Name', 'Operating system', 'Owner', 'Description']} hasActions>
            {data.baselines.map((baseline) => (
              <tr key={baseline.BaselineId} data-baseline={baseline.BaselineId}>
                <td className={tableStyles.td}>
                  <Link href={baselineHref(baseline.BaselineId)} className={`${linkClass} font-medium`}>{baseline.BaselineName}</Link>
                  {baseline.DefaultBaseline && <span className="ml-2"><Badge tone="sky">Default</Badge></span>}
                  <span className="block font-mono text-xs text-slate-500">{baseline.BaselineId}</span>
                </td>
                <td className={tableStyles.td}>{baseline.OperatingSystem}</td>
                <td className={tableStyles.td}>{isPredefined(baseline) ? 'Opsdeck (predefined)' : 'You'}</td>
                <td className={`${tableStyles.td} max-w-md text-slate-600`}>{baseline.BaselineDescription ?? '—'}</td>
                <td className={`${tableStyles.td} whitespace-nowrap text-right`}>
                  {!baseline.DefaultBaseline && (
                    <button type="button" className={buttonStyles.secondary} disabled={setDefault.isPending} onClick={() => setDefault.mutate(baseline.BaselineId)}>Set as default</button>
                  )}
                  {!isPredefined(baseline) && !baseline.DefaultBaseline && (
                    <button type="button" className={`${buttonStyles.danger} ml-2`} onClick={() => remove.ask(baseline)}>Delete</button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <PageButtons page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={setPage} />
        </>
      )}
      {remove.target && (
        <ConfirmDialog title="Delete patch baseline" confirmLabel="Delete" {...remove.dialogProps}>
          <p>{`Delete ${remove.target.BaselineName}? A baseline still registered to a patch group cannot be deleted.`}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
