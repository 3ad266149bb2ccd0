'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { PageHeader } from '@/components/ui/page-header';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';
import { ComplianceStatusBadge, SeverityText } from './badges';
import { RemediateDialog } from './remediate-dialog';
import { RemediationResult } from './remediation-result';
import { ITEMS_PAGE_SIZE, nodeItemsQuery, summariesQuery, type ComplianceItem, type StartedRemediation } from './queries';

function ItemRow({ item }: { item: ComplianceItem }) {
  const details = Object.entries(item.Details ?? {});
  return (
    <tr className="hover:bg-slate-50" data-item={item.Id}>
      <td className={tableStyles.td}>
        <span className="font-medium">{item.Title || item.Id}</span>
        <span className="block font-mono text-xs text-slate-500">{item.Id}</span>
      </td>
      <td className={tableStyles.td}>{item.ComplianceType}</td>
      <td className={tableStyles.td}><ComplianceStatusBadge status={item.Status} /></td>
      <td className={tableStyles.td}><SeverityText severity={item.Severity} isMet={item.Status === 'COMPLIANT'} /></td>
      <td className={tableStyles.td}>
        {details.length === 0 ? (
          <span className="text-slate-400">—</span>
        ) : (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            {details.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-500">{name}</dt>
                <dd className="break-words font-mono">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
      <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>
        <span title={dateTime(item.ExecutionSummary.ExecutionTime)}>{timeAgo(item.ExecutionSummary.ExecutionTime)}</span>
        {item.ExecutionSummary.ExecutionType && <span className="block text-xs text-slate-500">{item.ExecutionSummary.ExecutionType}</span>}
      </td>
    </tr>
  );
}

/** One node's compliance items, by type and status, with Remediate for this node. */
export function NodeItems({ nodeId }: { nodeId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const type = searchParams.get('type') ?? '';
  const status = searchParams.get('status') ?? '';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const [isRemediating, setIsRemediating] = useState(false);
  const [started, setStarted] = useState<StartedRemediation[] | null>(null);
  const types = useQuery(summariesQuery()).data?.summaries.map((summary) => summary.ComplianceType) ?? [];
  const { data, error, isPending } = useQuery(nodeItemsQuery(nodeId, type, status, page));

  const navigate = (next: { type?: string; status?: string; page?: number }) => {
    const merged = { type, status, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.type) params.set('type', merged.type);
    if (merged.status) params.set('status', merged.status);
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  const first = (page - 1) * ITEMS_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader
        title={data?.nodeName ? `Compliance of ${data.nodeName}` : `Compliance of ${nodeId}`}
        description={data && !data.isRegistered ? `${nodeId} is no longer a managed node; its last compliance is kept.` : nodeId}
        actions={
          <>
            <Link href="/compliance" className={buttonStyles.secondary}>All nodes</Link>
            {data?.isRegistered && <Link href={`/fleet/${encodeURIComponent(nodeId)}`} className={buttonStyles.secondary}>Node details</Link>}
            <button type="button" className={buttonStyles.primary} onClick={() => setIsRemediating(true)}>Remediate</button>
          </>
        }
      />
      <div className="space-y-6">
        {started && <RemediationResult started={started} onDismiss={() => setStarted(null)} />}
        <Section title="Compliance items" description="Each check on this node: a patch, an association, or a custom check, with what was found.">
          <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
            <select aria-label="Compliance type" className={sizedInputClass} value={type} onChange={(event) => navigate({ type: event.target.value })}>
              <option value="">All types</option>
              {[...new Set([...types, ...(type ? [type] : [])])].map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
            <select aria-label="Status" className={sizedInputClass} value={status} onChange={(event) => navigate({ status: event.target.value })}>
              <option value="">Any status</option>
              <option value="NON_COMPLIANT">Non-compliant</option>
              <option value="COMPLIANT">Compliant</option>
            </select>
          </div>
          {error && <div className="p-5"><ErrorNotice error={error} /></div>}
          {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading items…</p>}
          {data && data.items.length === 0 && (
            <div className="p-5">
              <EmptyState title={type || status ? 'No item matches these filters' : 'This node has reported no compliance'}>
                {(type || status) && <button type="button" className={linkClass} onClick={() => navigate({ type: '', status: '' })}>Clear filters</button>}
              </EmptyState>
            </div>
          )}
          {data && data.items.length > 0 && (
            <>
              <DataTable label="Compliance items" columns={['Item', 'Type', 'Status', 'Severity', 'Details', 'Executed']}>
                {data.items.map((item) => <ItemRow key={`${item.ComplianceType}|${item.Id}`} item={item} />)}
              </DataTable>
              <PageButtons summary={`Items ${first.toLocaleString('en')}–${(first + data.items.length - 1).toLocaleString('en')}`} page={page} hasPrevious={page > 1} hasNext={data.hasMore} onPage={(next) => navigate({ page: next })} />
            </>
          )}
        </Section>
      </div>
      {isRemediating && (
        <RemediateDialog
          scope={{ nodeIds: [nodeId], description: `Acts on ${data?.nodeName ?? nodeId}, where it is non-compliant.` }}
          initialAction={type === 'Patch' ? 'PatchNow' : type.startsWith('Custom:') ? 'StartRunbook' : 'RunAssociation'}
          onCancel={() => setIsRemediating(false)}
          onStarted={(result) => {
            setIsRemediating(false);
            setStarted(result);
          }}
        />
      )}
    </>
  );
}
