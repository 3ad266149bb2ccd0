'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { groupListQuery, useDeleteGroup, type Group } from './queries';
import { CreateGroupForm } from './create-group-form';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { NameList, Section, linkClass, tableStyles } from '../ui';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

export const groupHref = (name: string) => `/settings/groups/${segment(name)}`;

export function GroupsView() {
  const router = useRouter();
  const { data: groups, error, isPending } = useQuery(groupListQuery());
  const remove = useDeleteGroup();
  const [isCreating, setIsCreating] = useState(false);
  const [toDelete, setToDelete] = useState<Group | null>(null);

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
          <table className={tableStyles.table} aria-label="Groups">
            <thead className={tableStyles.head}>
              <tr>
                <th className={tableStyles.th}>Group name</th>
                <th className={tableStyles.th}>Description</th>
                <th className={tableStyles.th}>Members</th>
                <th className={tableStyles.th}>Policies</th>
                <th className={tableStyles.th}>Created</th>
                <th className={tableStyles.th}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className={tableStyles.body}>
              {groups.map((group) => (
                <tr key={group.groupId} className="hover:bg-slate-50">
                  <td className={`${tableStyles.td} font-medium`}><Link href={groupHref(group.name)} className={linkClass}>{group.name}</Link></td>
                  <td className={`${tableStyles.td} text-slate-600`}>{group.description || '—'}</td>
                  <td className={tableStyles.td}><NameList names={group.members} hrefOf={(name) => `/settings/users/${segment(name)}`} /></td>
                  <td className={tableStyles.td}><NameList names={group.policies} hrefOf={(name) => `/settings/policies/${segment(name)}`} /></td>
                  <td className={`${tableStyles.td} text-slate-600`}>{dateTime(group.createdAt)}</td>
                  <td className={`${tableStyles.td} text-right`}>
                    <button type="button" className={buttonStyles.danger} aria-label={`Delete group ${group.name}`} onClick={() => setToDelete(group)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {toDelete && (
        <ConfirmDialog
          title={`Delete group ${toDelete.name}?`}
          confirmLabel="Delete group"
          confirmText={toDelete.name}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setToDelete(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(toDelete.name, { onSuccess: () => setToDelete(null) })}
        >
          <p>
            {toDelete.members.length > 0
              ? `Its ${toDelete.members.length} member${toDelete.members.length === 1 ? '' : 's'} lose what its policies allow.`
              : 'The group has no members.'}{' '}
            The users themselves are not deleted.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
