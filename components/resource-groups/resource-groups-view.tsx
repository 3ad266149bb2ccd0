'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { groupHref, resourceGroupListQuery } from './queries';
import { GroupForm } from './group-form';
import { tagQuerySummary } from './group-definition';
import { Badge, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useCreateFlow } from '@/components/ui/use-create-flow';
import { dateTime } from '@/components/lib/format';

export function ResourceGroupsView() {
  const router = useRouter();
  const { data, error, isPending } = useQuery(resourceGroupListQuery());
  const creation = useCreateFlow<string>();

  return (
    <div className="space-y-4">
      {creation.isCreating && (
        <Section title="Create resource group" description="A named set of nodes that Run Command, State Manager and Maintenance Windows can target as resource-groups:Name.">
          <GroupForm onDone={(name) => router.push(groupHref(name))} onCancel={creation.cancel} />
        </Section>
      )}
      <Section
        title="Resource groups"
        description="Member counts are live: a tag change moves nodes in or out of tag-based groups at once."
        actions={data?.canCreate && !creation.isCreating && <button type="button" className={buttonStyles.primary} onClick={creation.open}>Create resource group</button>}
      >
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading resource groups…</p>}
        {data && data.groups.length === 0 && (
          <div className="p-5">
            <EmptyState title="No resource groups yet">
              Group nodes by tags (say <code className="rounded bg-slate-100 px-1">Environment = prod</code> and <code className="rounded bg-slate-100 px-1">Role = web</code>) or by a list of node ids, then target the whole group at once.
            </EmptyState>
          </div>
        )}
        {data && data.groups.length > 0 && (
          <DataTable label="Resource groups" columns={['Name', 'Type', 'Members are', 'Members', 'Description', 'Updated']}>
            {data.groups.map((group) => (
              <tr key={group.name} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium`}><Link href={groupHref(group.name)} className={linkClass}>{group.name}</Link></td>
                <td className={tableStyles.td}><Badge tone={group.kind === 'TagQuery' ? 'sky' : 'slate'}>{group.kind === 'TagQuery' ? 'Tag based' : 'Static'}</Badge></td>
                <td className={`${tableStyles.td} max-w-md text-slate-600`}>
                  {group.kind === 'TagQuery' ? <span className="font-mono text-xs">{tagQuerySummary(group.tagQuery)}</span> : `${group.nodeIds.length} listed node${group.nodeIds.length === 1 ? '' : 's'}`}
                </td>
                <td className={`${tableStyles.td} tabular-nums`} data-testid={`member-count-${group.name}`}>{group.memberCount.toLocaleString()}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{group.description || '—'}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{dateTime(group.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </div>
  );
}
