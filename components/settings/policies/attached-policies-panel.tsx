'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { policyListQuery, useAttachPolicy, useDetachPolicy, type PrincipalType } from './queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { AddNameForm, RemovableNameList } from '../name-list-editor';
import { Badge, Section, linkClass } from '../ui';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

/** The policies attached directly to a user or a group, with attach and detach. */
export function AttachedPoliciesPanel({ principalType, principalName, attached }: { principalType: PrincipalType; principalName: string; attached: string[] }) {
  const { data: policies } = useQuery(policyListQuery());
  const attach = useAttachPolicy();
  const detachment = useConfirmMutation(useDetachPolicy(), (policyName: string) => ({ policyName, principalType, principalName }));
  const available = (policies ?? []).filter((policy) => !attached.includes(policy.name));
  const builtinNames = new Set((policies ?? []).filter((policy) => policy.isBuiltin).map((policy) => policy.name));

  return (
    <Section
      title="Permissions policies"
      description={principalType === 'user' ? 'Attached to this user directly. Policies of the user’s groups apply too.' : 'Apply to every member of this group.'}
    >
      <RemovableNameList
        label="Attached policies"
        names={attached}
        empty={`No policies attached${principalType === 'user' ? ' directly' : ''}.`}
        renderName={(name) => (
          <span className="flex items-center gap-2">
            <Link href={`/settings/policies/${segment(name)}`} className={linkClass}>{name}</Link>
            {builtinNames.has(name) && <Badge>Built-in</Badge>}
          </span>
        )}
        removeText="Detach"
        removeLabelOf={(name) => `Detach ${name}`}
        onRemove={detachment.ask}
      />
      <AddNameForm
        label="Attach policy"
        fieldLabel="Attach a policy"
        fieldName="policyName"
        placeholder={available.length === 0 ? 'Every policy is attached' : 'Choose a policy…'}
        options={available.map((policy) => ({ value: policy.name, text: `${policy.name}${policy.isBuiltin ? ' (built-in)' : ''}` }))}
        submitText="Attach"
        isPending={attach.isPending}
        error={attach.error}
        onAdd={(policyName, callbacks) => attach.mutate({ policyName, principalType, principalName }, callbacks)}
      />
      {detachment.target && (
        <ConfirmDialog title={`Detach ${detachment.target}?`} confirmLabel="Detach" {...detachment.dialogProps}>
          <p>
            {principalType === 'user' ? principalName : `Members of ${principalName}`} will lose what {detachment.target} allows, from their next request on.
          </p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
