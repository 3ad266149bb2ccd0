'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useAddGroupMember, useRemoveGroupMember } from './queries';
import { userListQuery } from '../users/queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { AddNameForm, RemovableNameList } from '../name-list-editor';
import { Section, linkClass } from '../ui';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

export function GroupMembersPanel({ group, members }: { group: string; members: string[] }) {
  const { data: users } = useQuery(userListQuery());
  const add = useAddGroupMember();
  const removal = useConfirmMutation(useRemoveGroupMember(), (username: string) => ({ group, username }));
  const available = (users ?? []).filter((user) => !members.includes(user.username));

  return (
    <Section title="Members" description={`${members.length} user${members.length === 1 ? '' : 's'}`}>
      <RemovableNameList
        label="Members"
        names={members}
        empty="No members yet."
        renderName={(username) => <Link href={`/settings/users/${segment(username)}`} className={linkClass}>{username}</Link>}
        removeText="Remove"
        removeLabelOf={(username) => `Remove ${username}`}
        onRemove={removal.ask}
      />
      <AddNameForm
        label="Add member"
        fieldLabel="Add a user"
        placeholder={available.length === 0 ? 'Every user is a member' : 'Choose a user…'}
        options={available.map((user) => ({ value: user.username, text: user.username }))}
        submitText="Add"
        isPending={add.isPending}
        error={add.error}
        onAdd={(username, callbacks) => add.mutate({ group, username }, callbacks)}
      />
      {removal.target && (
        <ConfirmDialog title={`Remove ${removal.target} from ${group}?`} confirmLabel="Remove" {...removal.dialogProps}>
          <p>{removal.target} loses what the group&apos;s policies allow.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
