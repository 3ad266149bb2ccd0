'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { groupListQuery, useAddGroupMember, useRemoveGroupMember } from '../groups/queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { AddNameForm, RemovableNameList } from '../name-list-editor';
import { Section, linkClass } from '../ui';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

export function UserGroupsPanel({ username, memberOf }: { username: string; memberOf: string[] }) {
  const { data: groups } = useQuery(groupListQuery());
  const add = useAddGroupMember();
  const leaving = useConfirmMutation(useRemoveGroupMember(), (group: string) => ({ group, username }));
  const available = (groups ?? []).filter((group) => !memberOf.includes(group.name));

  return (
    <Section title="Groups" description="The user gets every policy attached to these groups.">
      <RemovableNameList
        label="Group memberships"
        names={memberOf}
        empty="Not in any group."
        renderName={(name) => <Link href={`/settings/groups/${segment(name)}`} className={linkClass}>{name}</Link>}
        removeText="Remove"
        removeLabelOf={(name) => `Remove from ${name}`}
        onRemove={leaving.ask}
      />
      <AddNameForm
        label="Add to group"
        fieldLabel="Add to a group"
        placeholder={groups && groups.length === 0 ? 'No groups exist yet' : available.length === 0 ? 'Already in every group' : 'Choose a group…'}
        options={available.map((group) => ({ value: group.name, text: group.name }))}
        submitText="Add"
        isPending={add.isPending}
        error={add.error}
        onAdd={(group, callbacks) => add.mutate({ group, username }, callbacks)}
      />
      {leaving.target && (
        <ConfirmDialog title={`Remove ${username} from ${leaving.target}?`} confirmLabel="Remove" {...leaving.dialogProps}>
          <p>{username} loses what the group&apos;s policies allow.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
