'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { groupListQuery, useDeleteGroup } from './queries';
import { GroupMembersPanel } from './group-members-panel';
import { AttachedPoliciesPanel } from '../policies/attached-policies-panel';
import { ConfirmDialog } from '../confirm-dialog';
import { linkClass } from '../ui';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

export function GroupDetail({ name }: { name: string }) {
  const router = useRouter();
  const { data: groups, error, isPending } = useQuery(groupListQuery());
  const remove = useDeleteGroup();
  const [isDeleting, setIsDeleting] = useState(false);
  const group = groups?.find((candidate) => candidate.name === name);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading group…</p>;
  if (!group) {
    return (
      <EmptyState title={`There is no group named ${name}`}>
        It may have been deleted. <Link href="/settings/groups" className={linkClass}>Back to groups</Link>
      </EmptyState>
    );
  }

  return (
    <div className="space-y-5">
      <div className="flex items-start justify-between">
        <div>
          <Link href="/settings/groups" className="text-sm text-sky-700 hover:underline">← Groups</Link>
          <h2 className="mt-1 text-xl font-semibold tracking-tight">{group.name}</h2>
          <p className="text-sm text-slate-500">{group.description || 'No description'} · created {dateTime(group.createdAt)}</p>
        </div>
        <button type="button" className={buttonStyles.danger} onClick={() => setIsDeleting(true)}>Delete group</button>
      </div>
      <div className="grid grid-cols-1 items-start gap-5 xl:grid-cols-2">
        <GroupMembersPanel group={group.name} members={group.members} />
        <AttachedPoliciesPanel principalType="group" principalName={group.name} attached={group.policies} />
      </div>
      {isDeleting && (
        <ConfirmDialog
          title={`Delete group ${group.name}?`}
          confirmLabel="Delete group"
          confirmText={group.name}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setIsDeleting(false);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(group.name, { onSuccess: () => router.push('/settings/groups') })}
        >
          <p>Its members lose what its policies allow. The users themselves are not deleted.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
