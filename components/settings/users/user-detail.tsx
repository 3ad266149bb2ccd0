'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { userListQuery, useDeleteUser } from './queries';
import { PasswordForm } from './password-form';
import { UserGroupsPanel } from './user-groups-panel';
import { AccessKeysPanel } from './access-keys-panel';
import { SessionsPanel } from './sessions-panel';
import { AttachedPoliciesPanel } from '../policies/attached-policies-panel';
import { ConfirmDialog } from '../confirm-dialog';
import { linkClass } from '../ui';
import { meQuery } from '@/components/shell/queries';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

export function UserDetail({ username }: { username: string }) {
  const router = useRouter();
  const { data: users, error, isPending } = useQuery(userListQuery());
  const { data: me } = useQuery(meQuery());
  const remove = useDeleteUser();
  const [isDeleting, setIsDeleting] = useState(false);
  const user = users?.find((candidate) => candidate.username === username);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading user…</p>;
  if (!user) {
    return (
      <EmptyState title={`There is no user named ${username}`}>
        It may have been deleted. <Link href="/settings/users" className={linkClass}>Back to users</Link>
      </EmptyState>
    );
  }
  const isSelf = me?.username === user.username;

  return (
    <div className="space-y-5">
      <div className="flex items-start justify-between">
        <div>
          <Link href="/settings/users" className="text-sm text-sky-700 hover:underline">← Users</Link>
          <h2 className="mt-1 text-xl font-semibold tracking-tight">{user.username}</h2>
          <p className="text-sm text-slate-500">Created {dateTime(user.createdAt)}{isSelf ? ' · this is you' : ''}</p>
        </div>
        {!isSelf && (
          <button type="button" className={buttonStyles.danger} onClick={() => setIsDeleting(true)}>Delete user</button>
        )}
      </div>
      <div className="grid grid-cols-1 items-start gap-5 xl:grid-cols-2">
        <AttachedPoliciesPanel principalType="user" principalName={user.username} attached={user.policies} />
        <UserGroupsPanel username={user.username} memberOf={user.groups} />
      </div>
      <AccessKeysPanel username={user.username} />
      <SessionsPanel username={user.username} isSelf={isSelf} />
      <PasswordForm username={user.username} />
      {isDeleting && (
        <ConfirmDialog
          title={`Delete user ${user.username}?`}
          confirmLabel="Delete user"
          confirmText={user.username}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setIsDeleting(false);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(user.username, { onSuccess: () => router.push('/settings/users') })}
        >
          <p>Their console sessions end, their access keys stop working, and they leave every group. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
