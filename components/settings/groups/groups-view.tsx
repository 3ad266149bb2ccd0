'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { groupListQuery, useDeleteGroup, type Group } from './queries';
import { CreateGroupForm } from './create-group-form';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { NameList, Section, linkClass } from '../ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime } from '@/components/lib/format';

export const groupHref = (name: string) => `/settings/groups/${segment(name)}`;

export function GroupsView() {
  const router = useRouter();
  const { data: groups, error, isPending } = useQuery(groupListQuery());
  const deletion = useConfirmMutation(useDeleteGroup(), (group: Group) => group.name);
  const [isCreating, setIsCreating] = useState(false);

  return (
    <div className="space-y-4">
      <Section
        title="Groups"
        description="Attach policies to a group once; every member gets them."
        actions={!isCreating && <button type="button" className={buttonStyles.primary} onClick={() => setIsCreating(true)}>Create group</button>}
      >
        {isCreating && <CreateGroupForm onCreated={(name) => router.push(groupHref(name))} onCancel={() => setIsCreating(false)} />}
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading groups…</p>}
        {groups && groups.length === 0 && (
          <div className="p-5">
            <EmptyState title="No groups">Groups such as “operators” or “auditors” keep permissions the same for people with the same job.</EmptyState>
          </div>
        )}
        {groups && groups.length > 0 && (
          <DataTable label="Groups" columns={['Group name', 'Description', 'Members', 'Policies', 'Created']} hasActions>
            {groups.map((group) => (
              <tr key={group.groupId} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium`}><Link href={groupHref(group.name)} className={linkClass}>{group.name}</Link></td>
                <td className={`${tableStyles.td} text-slate-600`}>{group.description || '—'}</td>
                <td className={tableStyles.td}><NameList names={group.members} hrefOf={(name) => `/settings/users/${segment(name)}`} /></td>
                <td className={tableStyles.td}><NameList names={group.policies} hrefOf={(name) => `/settings/policies/${segment(name)}`} /></td>
                <td className={`${tableStyles.td} text-slate-600`}>{dateTime(group.createdAt)}</td>
                <td className={`${tableStyles.td} text-right`}>
                  <button type="button" className={buttonStyles.danger} aria-label={`Delete group ${group.name}`} onClick={() => deletion.ask(group)}>Delete</button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {deletion.target && (
        <ConfirmDialog title={`Delete group ${deletion.target.name}?`} confirmLabel="Delete group" confirmText={deletion.target.name} {...deletion.dialogProps}>
          <p>
            {deletion.target.members.length > 0
              ? `Its ${deletion.target.members.length} member${deletion.target.members.length === 1 ? '' : 's'} lose what its policies allow.`
              : 'The group has no members.'}{' '}
            The users themselves are not deleted.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
