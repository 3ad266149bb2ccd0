'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { userListQuery, useDeleteUser, type User } from './queries';
import { CreateUserForm } from './create-user-form';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { NameList, Section, linkClass } from '../ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { useCreateFlow } from '@/components/ui/use-create-flow';
import { dateTime } from '@/components/lib/format';
import { meQuery } from '@/components/shell/queries';

export const userHref = (username: string) => `/settings/users/${segment(username)}`;

export function UsersView() {
  const { data: users, error, isPending } = useQuery(userListQuery());
  const { data: me } = useQuery(meQuery());
  const creation = useCreateFlow<string>();
  const deletion = useConfirmMutation(useDeleteUser(), (user: User) => user.username);

  return (
    <div className="space-y-4">
      {creation.created && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          User <strong>{creation.created}</strong> created. It can sign in but may do nothing until you{' '}
          <Link href={userHref(creation.created)} className="font-medium underline">attach a policy or add it to a group</Link>.
        </p>
      )}
      <Section
        title="Users"
        description="People who sign in to the console, and the access keys their tools use for the API."
        actions={!creation.isCreating && <button type="button" className={buttonStyles.primary} onClick={creation.open}>Create user</button>}
      >
        {creation.isCreating && <CreateUserForm onCreated={creation.handleCreated} onCancel={creation.cancel} />}
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading users…</p>}
        {users && users.length === 0 && <div className="p-5"><EmptyState title="No users">Create one to let someone sign in.</EmptyState></div>}
        {users && users.length > 0 && (
          <DataTable label="Users" columns={['User name', 'Groups', 'Policies', 'Active access keys', 'Created']} hasActions>
            {users.map((user) => (
              <tr key={user.userId} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium`}>
                  <Link href={userHref(user.username)} className={linkClass}>{user.username}</Link>
                </td>
                <td className={tableStyles.td}><NameList names={user.groups} hrefOf={(name) => `/settings/groups/${segment(name)}`} /></td>
                <td className={tableStyles.td}><NameList names={user.policies} hrefOf={(name) => `/settings/policies/${segment(name)}`} /></td>
                <td className={tableStyles.td}>{user.activeAccessKeys}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{dateTime(user.createdAt)}</td>
                <td className={`${tableStyles.td} text-right`}>
                  {user.username === me?.username ? (
                    <span className="text-xs text-slate-500">you</span>
                  ) : (
                    <button type="button" className={buttonStyles.danger} aria-label={`Delete user ${user.username}`} onClick={() => deletion.ask(user)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {deletion.target && (
        <ConfirmDialog title={`Delete user ${deletion.target.username}?`} confirmLabel="Delete user" confirmText={deletion.target.username} {...deletion.dialogProps}>
          <p>Their console sessions end, their access keys stop working, and they leave every group. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
