'use client';

import { useQuery } from '@tanstack/react-query';
import { versionsQuery, type AssociationVersion } from './queries';
import { targetsInWords } from './association-text';
import { Muted } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

function parametersText(version: AssociationVersion): string {
  const entries = Object.entries(version.Parameters);
  if (entries.length === 0) return '—';
  return entries.map(([name, values]) => `${name}: ${values.join(' ⏎ ')}`).join('\n');
}

/** ListAssociationVersions: what each save made the association, newest first. */
export function VersionsTable({ associationId, latestVersion }: { associationId: string; latestVersion: string }) {
  const { data, error, isPending } = useQuery(versionsQuery(associationId));
  if (error) return <div className="p-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <Muted>Loading versions…</Muted>;
  return (
    <DataTable label="Versions" columns={['Version', 'Saved', 'Document', 'Targets', 'Schedule', 'Parameters']}>
      {data.versions.map((version) => (
        <tr key={version.AssociationVersion} className="hover:bg-slate-50">
          <td className={`${tableStyles.td} whitespace-nowrap font-medium`}>
            {version.AssociationVersion}
            {version.AssociationVersion === latestVersion && <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 text-[11px] font-normal text-sky-800">latest</span>}
          </td>
          <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{dateTime(version.CreatedDate)}</td>
          <td className={tableStyles.td}>
            <span className="whitespace-nowrap">{version.Name}</span>
            <span className="block text-xs text-slate-500">{`version ${version.DocumentVersion}`}</span>
          </td>
          <td className={`${tableStyles.td} min-w-48 max-w-64 text-xs text-slate-600`}>{targetsInWords(version.Targets)}</td>
          <td className={`${tableStyles.td} text-xs text-slate-600`}>
            <span className="block whitespace-nowrap font-mono">{version.ScheduleExpression ?? 'none (once)'}</span>
            <span className="block whitespace-nowrap text-slate-500">{`${version.MaxConcurrency} at once · ${version.MaxErrors} errors`}</span>
          </td>
          <td className={`${tableStyles.td} w-full`}><span className="line-clamp-3 whitespace-pre-wrap break-words font-mono text-xs text-slate-600" title={parametersText(version)}>{parametersText(version)}</span></td>
        </tr>
      ))}
    </DataTable>
  );
}
