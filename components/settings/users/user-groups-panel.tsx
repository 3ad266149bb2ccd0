'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { groupListQuery, useAddGroupMember, useRemoveGroupMember } from '../groups/queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { Muted, Section, inputClass, linkClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

export function UserGroupsPanel({ username, memberOf }: { username: string; memberOf: string[] }) {
  const { data: groups } = useQuery(groupListQuery());
  const add = useAddGroupMember();
  const remove = useRemoveGroupMember();
  const [choice, setChoice] = useState('');
  const [toLeave, setToLeave] = useState<string | null>(null);
  const available = (groups ?? []).filter((group) => !memberOf.includes(group.name));

  const handleAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice) add.mutate({ group: choice, username }, { onSuccess: () => setChoice('') });
  };

  return (
    <Section title="Groups" description="The user gets every policy attached to these groups.">
      {memberOf.length === 0 ? (
        <Muted>Not in any group.</Muted>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Group memberships">
          {memberOf.map((name) => (
            <li key={name} className="flex items-center justify-between px-5 py-2">
              <Link href={`/settings/groups/${segment(name)}`} className={linkClass}>{name}</Link>
              <button type="button" className={buttonStyles.danger} aria-label={`Remove from ${name}`} onClick={() => setToLeave(name)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={handleAdd} aria-label="Add to group" className="flex items-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium">Add to a group</span>
          <select className={inputClass} value={choice} onChange={(event) => setChoice(event.target.value)} disabled={available.length === 0}>
            <option value="" disabled>{groups && groups.length === 0 ? 'No groups exist yet' : available.length === 0 ? 'Already in every group' : 'Choose a group…'}</option>
            {available.map((group) => <option key={group.groupId} value={group.name}>{group.name}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonStyles.primary} disabled={add.isPending || !choice}>Add</button>
      </form>
      {add.error && <div className="px-5 pb-3"><ErrorNotice error={add.error} /></div>}
      {toLeave && (
        <ConfirmDialog
          title={`Remove ${username} from ${toLeave}?`}
          confirmLabel="Remove"
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setToLeave(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate({ group: toLeave, username }, { onSuccess: () => setToLeave(null) })}
        >
          <p>{username} loses what the group&apos;s policies allow.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
