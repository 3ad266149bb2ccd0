'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { userListQuery, useDeleteUser, type User } from './queries';
import { CreateUserForm } from './create-user-form';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { NameList, Section, linkClass, tableStyles } from '../ui';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';
import { meQuery } from '@/components/shell/queries';

export const userHref = (username: string) => `/settings/users/${segment(username)}`;

export function UsersView() {
  const { data: users, error, isPending } = useQuery(userListQuery());
  const { data: me } = useQuery(meQuery());
  const remove = useDeleteUser();
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<User | null>(null);

  const handleCreated = (username: string) => {
    setCreated(username);
    setIsCreating(false);
  };

  return (
    <div className="space-y-4">
      {created && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          User <strong>{created}</strong> created. It can sign in but may do nothing until you{' '}
          <Link href={userHref(created)} className="font-medium underline">attach a policy or add it to a group</Link>.
        </p>
      )}
      <Section
        title="Users"
        description="People who sign in to the console, and the access keys their tools use for the API."
        actions={!isCreating && <button type="button" className={buttonStyles.primary} onClick={() => setIsCreating(true)}>Create user</button>}
      >
        {isCreating && <CreateUserForm onCreated={handleCreated} onCancel={() => setIsCreating(false)} />}
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading users…</p>}
        {users && users.length === 0 && <div className="p-5"><EmptyState title="No users">Create one to let someone sign in.</EmptyState></div>}
        {users && users.length > 0 && (
          <table className={tableStyles.table} aria-label="Users">
            <thead className={tableStyles.head}>
              <tr>
                <th className={tableStyles.th}>User name</th>
                <th className={tableStyles.th}>Groups</th>
                <th className={tableStyles.th}>Policies</th>
                <th className={tableStyles.th}>Active access keys</th>
                <th className={tableStyles.th}>Created</th>
                <th className={tableStyles.th}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className={tableStyles.body}>
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
                      <button type="button" className={buttonStyles.danger} aria-label={`Delete user ${user.username}`} onClick={() => setToDelete(user)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {toDelete && (
        <ConfirmDialog
          title={`Delete user ${toDelete.username}?`}
          confirmLabel="Delete user"
          confirmText={toDelete.username}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setToDelete(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(toDelete.username, { onSuccess: () => setToDelete(null) })}
        >
          <p>Their console sessions end, their access keys stop working, and they leave every group. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
