'use client';

import Link from 'next/link';
import { PageButtons } from '@/components/run-command/page-buttons';
import { linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { dateTime, timeAgo } from '@/components/lib/format';
import { ComplianceStatusBadge, SeverityText } from './badges';
import { complianceHref, RESOURCES_PAGE_SIZE, type ResourceSummary } from './queries';

const rowKey = (resource: ResourceSummary) => `${resource.ResourceId}|${resource.ComplianceType}`;

function ResourceRow({ resource, isChecked, onCheck }: { resource: ResourceSummary; isChecked: boolean; onCheck: (isChecked: boolean) => void }) {
  const isNonCompliant = resource.Status === 'NON_COMPLIANT';
  const executed = resource.ExecutionSummary.ExecutionTime;
  return (
    <tr className="hover:bg-slate-50" data-resource={resource.ResourceId} data-type={resource.ComplianceType}>
      <td className={`${tableStyles.td} w-8`}>
        {isNonCompliant && <input type="checkbox" aria-label={`Choose ${resource.ResourceId} (${resource.ComplianceType})`} className="accent-sky-600" checked={isChecked} onChange={(event) => onCheck(event.target.checked)} />}
      </td>
      <td className={tableStyles.td}>
        <Link href={complianceHref(resource.ResourceId, resource.ComplianceType)} className={`${linkClass} font-medium`}>{resource.NodeName ?? resource.ResourceId}</Link>
        <span className="block whitespace-nowrap font-mono text-xs text-slate-500">{resource.ResourceId}{resource.IsRegistered ? '' : ' · deregistered'}</span>
      </td>
      <td className={tableStyles.td}>{resource.ComplianceType}</td>
      <td className={tableStyles.td}><ComplianceStatusBadge status={resource.Status} /></td>
      <td className={tableStyles.td}><SeverityText severity={resource.OverallSeverity} isMet={!isNonCompliant} /></td>
      <td className={`${tableStyles.td} whitespace-nowrap text-xs text-slate-600`}>
        <span className="text-red-700">{`${resource.NonCompliantSummary.NonCompliantCount.toLocaleString('en')} non-compliant`}</span>
        <span className="block">{`${resource.CompliantSummary.CompliantCount.toLocaleString('en')} compliant`}</span>
      </td>
      <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>
        <span title={dateTime(executed)}>{timeAgo(executed)}</span>
        {resource.ExecutionSummary.ExecutionId && <span className="block max-w-40 truncate font-mono text-xs text-slate-500" title={resource.ExecutionSummary.ExecutionId}>{resource.ExecutionSummary.ExecutionId}</span>}
      </td>
    </tr>
  );
}

/** Each node's compliance per type; non-compliant rows can be chosen for remediation. */
export function ResourceTable({ resources, page, hasMore, chosen, onChoose, onPage }: {
  resources: ResourceSummary[];
  page: number;
  hasMore: boolean;
  chosen: ReadonlySet<string>;
  onChoose: (key: string, resource: ResourceSummary, isChosen: boolean) => void;
  onPage: (page: number) => void;
}) {
  const first = (page - 1) * RESOURCES_PAGE_SIZE + 1;
  return (
    <>
      <DataTable label="Resources" columns={['Select', 'Node', 'Compliance type', 'Status', 'Overall severity', 'Items', 'Last execution']}>
        {resources.map((resource) => (
          <ResourceRow key={rowKey(resource)} resource={resource} isChecked={chosen.has(rowKey(resource))} onCheck={(isChecked) => onChoose(rowKey(resource), resource, isChecked)} />
        ))}
      </DataTable>
      <PageButtons
        summary={`Resources ${first.toLocaleString('en')}–${(first + resources.length - 1).toLocaleString('en')}`}
        page={page}
        hasPrevious={page > 1}
        hasNext={hasMore}
        onPage={onPage}
      />
    </>
  );
}
