'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useAddGroupMember, useRemoveGroupMember } from './queries';
import { userListQuery } from '../users/queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { Muted, Section, inputClass, linkClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

export function GroupMembersPanel({ group, members }: { group: string; members: string[] }) {
  const { data: users } = useQuery(userListQuery());
  const add = useAddGroupMember();
  const remove = useRemoveGroupMember();
  const [choice, setChoice] = useState('');
  const [toRemove, setToRemove] = useState<string | null>(null);
  const available = (users ?? []).filter((user) => !members.includes(user.username));

  const handleAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice) add.mutate({ group, username: choice }, { onSuccess: () => setChoice('') });
  };

  return (
    <Section title="Members" description={`${members.length} user${members.length === 1 ? '' : 's'}`}>
      {members.length === 0 ? (
        <Muted>No members yet.</Muted>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Members">
          {members.map((username) => (
            <li key={username} className="flex items-center justify-between px-5 py-2">
              <Link href={`/settings/users/${segment(username)}`} className={linkClass}>{username}</Link>
              <button type="button" className={buttonStyles.danger} aria-label={`Remove ${username}`} onClick={() => setToRemove(username)}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={handleAdd} aria-label="Add member" className="flex items-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium">Add a user</span>
          <select className={inputClass} value={choice} onChange={(event) => setChoice(event.target.value)} disabled={available.length === 0}>
            <option value="" disabled>{available.length === 0 ? 'Every user is a member' : 'Choose a user…'}</option>
            {available.map((user) => <option key={user.userId} value={user.username}>{user.username}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonStyles.primary} disabled={add.isPending || !choice}>Add</button>
      </form>
      {add.error && <div className="px-5 pb-3"><ErrorNotice error={add.error} /></div>}
      {toRemove && (
        <ConfirmDialog
          title={`Remove ${toRemove} from ${group}?`}
          confirmLabel="Remove"
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setToRemove(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate({ group, username: toRemove }, { onSuccess: () => setToRemove(null) })}
        >
          <p>{toRemove} loses what the group&apos;s policies allow.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
