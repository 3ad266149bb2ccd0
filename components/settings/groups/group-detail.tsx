'use client';

import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { groupListQuery, useDeleteGroup } from './queries';
import { GroupMembersPanel } from './group-members-panel';
import { AttachedPoliciesPanel } from '../policies/attached-policies-panel';
import { ConfirmDialog } from '../confirm-dialog';
import { DetailFallback, DetailHeader } from '../detail-page';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime } from '@/components/lib/format';

export function GroupDetail({ name }: { name: string }) {
  const router = useRouter();
  const { data: groups, error, isPending } = useQuery(groupListQuery());
  const deletion = useConfirmMutation(useDeleteGroup(), (target: string) => target, () => router.push('/settings/groups'));
  const group = groups?.find((candidate) => candidate.name === name);

  if (error || !group) {
    return <DetailFallback error={error} isPending={isPending} noun="group" name={name} listHref="/settings/groups" listName="groups" />;
  }

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/settings/groups"
        backLabel="Groups"
        title={group.name}
        summary={<>{group.description || 'No description'} · created {dateTime(group.createdAt)}</>}
        actions={<button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(group.name)}>Delete group</button>}
      />
      <div className="grid grid-cols-1 items-start gap-5 xl:grid-cols-2">
        <GroupMembersPanel group={group.name} members={group.members} />
        <AttachedPoliciesPanel principalType="group" principalName={group.name} attached={group.policies} />
      </div>
      {deletion.target && (
        <ConfirmDialog title={`Delete group ${group.name}?`} confirmLabel="Delete group" confirmText={group.name} {...deletion.dialogProps}>
          <p>Its members lose what its policies allow. The users themselves are not deleted.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
