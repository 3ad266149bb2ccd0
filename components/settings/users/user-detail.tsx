'use client';

import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { userListQuery, useDeleteUser } from './queries';
import { PasswordForm } from './password-form';
import { UserGroupsPanel } from './user-groups-panel';
import { AccessKeysPanel } from './access-keys-panel';
import { SessionsPanel } from './sessions-panel';
import { AttachedPoliciesPanel } from '../policies/attached-policies-panel';
import { ConfirmDialog } from '../confirm-dialog';
import { DetailFallback, DetailHeader } from '../detail-page';
import { meQuery } from '@/components/shell/queries';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime } from '@/components/lib/format';

export function UserDetail({ username }: { username: string }) {
  const router = useRouter();
  const { data: users, error, isPending } = useQuery(userListQuery());
  const { data: me } = useQuery(meQuery());
  const deletion = useConfirmMutation(useDeleteUser(), (target: string) => target, () => router.push('/settings/users'));
  const user = users?.find((candidate) => candidate.username === username);

  if (error || !user) {
    return <DetailFallback error={error} isPending={isPending} noun="user" name={username} listHref="/settings/users" listName="users" />;
  }
  const isSelf = me?.username === user.username;

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/settings/users"
        backLabel="Users"
        title={user.username}
        summary={<>Created {dateTime(user.createdAt)}{isSelf ? ' · this is you' : ''}</>}
        actions={!isSelf && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(user.username)}>Delete user</button>}
      />
      <div className="grid grid-cols-1 items-start gap-5 xl:grid-cols-2">
        <AttachedPoliciesPanel principalType="user" principalName={user.username} attached={user.policies} />
        <UserGroupsPanel username={user.username} memberOf={user.groups} />
      </div>
      <AccessKeysPanel username={user.username} />
      <SessionsPanel username={user.username} isSelf={isSelf} />
      <PasswordForm username={user.username} />
      {deletion.target && (
        <ConfirmDialog title={`Delete user ${user.username}?`} confirmLabel="Delete user" confirmText={user.username} {...deletion.dialogProps}>
          <p>Their console sessions end, their access keys stop working, and they leave every group. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
