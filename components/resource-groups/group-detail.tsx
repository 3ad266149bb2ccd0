'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { resourceGroupQuery, useDeleteResourceGroup } from './queries';
import { GroupDefinition } from './group-definition';
import { GroupForm } from './group-form';
import { GroupMembersTable } from './group-members-table';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Badge, Section } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime } from '@/components/lib/format';
import { ApiError } from '@/components/lib/api-client';

export function ResourceGroupDetail({ name }: { name: string }) {
  const router = useRouter();
  const { data: group, error, isPending } = useQuery(resourceGroupQuery(name));
  const [isEditing, setIsEditing] = useState(false);
  const deletion = useConfirmMutation(useDeleteResourceGroup(), (target: string) => target, () => router.push('/resource-groups'));

  if (!group) {
    // A missing group answers 404; show "no such group" rather than the raw error.
    const isMissing = error instanceof ApiError && error.status === 404;
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="resource group" name={name} listHref="/resource-groups" listName="resource groups" />;
  }

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/resource-groups"
        backLabel="Resource groups"
        title={<>{group.name} <Badge tone={group.kind === 'TagQuery' ? 'sky' : 'slate'}>{group.kind === 'TagQuery' ? 'Tag based' : 'Static'}</Badge></>}
        summary={<>{group.description || 'No description'} · updated {dateTime(group.updatedAt)}</>}
        actions={
          <div className="flex gap-2">
            {group.permissions.canUpdate && !isEditing && <button type="button" className={buttonStyles.secondary} onClick={() => setIsEditing(true)}>Edit</button>}
            {group.permissions.canDelete && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(group.name)}>Delete group</button>}
          </div>
        }
      />
      {isEditing ? (
        <Section title="Edit group" description="The new definition replaces the old one; members follow at once.">
          <GroupForm group={group} onDone={() => setIsEditing(false)} onCancel={() => setIsEditing(false)} />
        </Section>
      ) : (
        <div className="grid gap-5 lg:grid-cols-3">
          <Section title="Definition">
            <div className="px-5 py-4"><GroupDefinition group={group} /></div>
          </Section>
          <Section title="Use as a target" description="In Run Command, State Manager and Maintenance Windows, as AWS spells it:">
            <div className="space-y-2 px-5 py-4 text-sm">
              <code className="block rounded bg-slate-900 [overflow-wrap:anywhere] px-3 py-2 font-mono text-xs text-slate-100">{`Key=resource-groups:Name,Values=${group.name}`}</code>
              <p className="break-all text-xs text-slate-500">{group.arn}</p>
            </div>
          </Section>
          <Section title="Members now">
            <div className="px-5 py-4">
              <div className="text-3xl font-semibold tabular-nums" data-testid="group-member-count">{group.memberCount.toLocaleString()}</div>
              <p className="text-xs text-slate-500">{group.kind === 'TagQuery' ? 'Follows tag changes as they happen.' : 'Listed nodes, deregistered ones included.'}</p>
            </div>
          </Section>
        </div>
      )}
      <Section title="Members" description="Live: status and tag changes show without a reload.">
        <GroupMembersTable name={group.name} />
      </Section>
      {deletion.target && (
        <ConfirmDialog title={`Delete resource group ${group.name}?`} confirmLabel="Delete group" {...deletion.dialogProps}>
          <p>The group goes; its nodes, their tags and anything already run on them stay as they are. Targets that name this group stop matching any node.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
