'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { policyListQuery, useDeletePolicy, type Policy } from './queries';
import { groupListQuery } from '../groups/queries';
import { userListQuery } from '../users/queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { Badge, Section, linkClass } from '../ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { usePermissions } from '@/components/shell/queries';
import { dateTime } from '@/components/lib/format';

export const policyHref = (name: string) => `/settings/policies/${segment(name)}`;

/** "2 users, 1 group", from the user and group lists (shown only to those who may list them). */
function useAttachmentCounts() {
  const { can } = usePermissions();
  const canList = can('manageUsers');
  const { data: users } = useQuery({ ...userListQuery(), enabled: canList });
  const { data: groups } = useQuery({ ...groupListQuery(), enabled: canList });
  if (!users || !groups) return undefined;
  return (name: string) => {
    const userCount = users.filter((user) => user.policies.includes(name)).length;
    const groupCount = groups.filter((group) => group.policies.includes(name)).length;
    const parts = [userCount && `${userCount} user${userCount === 1 ? '' : 's'}`, groupCount && `${groupCount} group${groupCount === 1 ? '' : 's'}`].filter(Boolean);
    return parts.join(', ') || 'Not attached';
  };
}

export function PoliciesView() {
  const { data: policies, error, isPending } = useQuery(policyListQuery());
  const attachedTo = useAttachmentCounts();
  const deletion = useConfirmMutation(useDeletePolicy(), (policy: Policy) => policy.name);

  return (
    <div className="space-y-4">
      <Section
        title="Policies"
        description="JSON documents in IAM's grammar that allow or deny actions on resources. Built-in policies are read-only."
        actions={<Link href="/settings/policies?create=1" className={buttonStyles.primary}>Create policy</Link>}
      >
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading policies…</p>}
        {policies && policies.length === 0 && <div className="p-5"><EmptyState title="No policies" /></div>}
        {policies && policies.length > 0 && (
          <DataTable label="Policies" columns={['Policy name', 'Type', 'Description', attachedTo && 'Attached to', 'Last changed']} hasActions>
            {policies.map((policy) => (
              <tr key={policy.id} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium`}><Link href={policyHref(policy.name)} className={linkClass}>{policy.name}</Link></td>
                <td className={tableStyles.td}>{policy.isBuiltin ? <Badge>Built-in</Badge> : <Badge tone="sky">Custom</Badge>}</td>
                <td className={`${tableStyles.td} max-w-md text-slate-600`}>{policy.description || '—'}</td>
                {attachedTo && <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{attachedTo(policy.name)}</td>}
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{dateTime(policy.updatedAt)}</td>
                <td className={`${tableStyles.td} text-right`}>
                  {policy.isBuiltin ? (
                    <span className="text-xs text-slate-500">Read-only</span>
                  ) : (
                    <button type="button" className={buttonStyles.danger} aria-label={`Delete policy ${policy.name}`} onClick={() => deletion.ask(policy)}>Delete</button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {deletion.target && (
        <ConfirmDialog title={`Delete policy ${deletion.target.name}?`} confirmLabel="Delete policy" confirmText={deletion.target.name} {...deletion.dialogProps}>
          <p>It is detached from every user and group that has it, and they lose what it allows.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
