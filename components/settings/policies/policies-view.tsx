'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { policyListQuery, useDeletePolicy, type Policy } from './queries';
import { groupListQuery } from '../groups/queries';
import { userListQuery } from '../users/queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { Badge, Section, linkClass, tableStyles } from '../ui';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
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
  const remove = useDeletePolicy();
  const [toDelete, setToDelete] = useState<Policy | null>(null);

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
          <table className={tableStyles.table} aria-label="Policies">
            <thead className={tableStyles.head}>
              <tr>
                <th className={tableStyles.th}>Policy name</th>
                <th className={tableStyles.th}>Type</th>
                <th className={tableStyles.th}>Description</th>
                {attachedTo && <th className={tableStyles.th}>Attached to</th>}
                <th className={tableStyles.th}>Last changed</th>
                <th className={tableStyles.th}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className={tableStyles.body}>
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
                      <button type="button" className={buttonStyles.danger} aria-label={`Delete policy ${policy.name}`} onClick={() => setToDelete(policy)}>Delete</button>
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
          title={`Delete policy ${toDelete.name}?`}
          confirmLabel="Delete policy"
          confirmText={toDelete.name}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setToDelete(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(toDelete.name, { onSuccess: () => setToDelete(null) })}
        >
          <p>It is detached from every user and group that has it, and they lose what it allows.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
