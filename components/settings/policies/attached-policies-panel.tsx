'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { policyListQuery, useAttachPolicy, useDetachPolicy, type PrincipalType } from './queries';
import { ConfirmDialog } from '../confirm-dialog';
import { segment } from '../keys';
import { Badge, Muted, Section, inputClass, linkClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

/** The policies attached directly to a user or a group, with attach and detach. */
export function AttachedPoliciesPanel({ principalType, principalName, attached }: { principalType: PrincipalType; principalName: string; attached: string[] }) {
  const { data: policies } = useQuery(policyListQuery());
  const attach = useAttachPolicy();
  const detach = useDetachPolicy();
  const [toDetach, setToDetach] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const available = (policies ?? []).filter((policy) => !attached.includes(policy.name));
  const builtinNames = new Set((policies ?? []).filter((policy) => policy.isBuiltin).map((policy) => policy.name));

  const handleAttach = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice) attach.mutate({ policyName: choice, principalType, principalName }, { onSuccess: () => setChoice('') });
  };

  return (
    <Section
      title="Permissions policies"
      description={principalType === 'user' ? 'Attached to this user directly. Policies of the user’s groups apply too.' : 'Apply to every member of this group.'}
    >
      {attached.length === 0 ? (
        <Muted>No policies attached{principalType === 'user' ? ' directly' : ''}.</Muted>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Attached policies">
          {attached.map((name) => (
            <li key={name} className="flex items-center justify-between px-5 py-2">
              <span className="flex items-center gap-2">
                <Link href={`/settings/policies/${segment(name)}`} className={linkClass}>{name}</Link>
                {builtinNames.has(name) && <Badge>Built-in</Badge>}
              </span>
              <button type="button" className={buttonStyles.danger} aria-label={`Detach ${name}`} onClick={() => setToDetach(name)}>
                Detach
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={handleAttach} aria-label="Attach policy" className="flex items-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium">Attach a policy</span>
          <select name="policyName" className={inputClass} disabled={available.length === 0} value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="" disabled>{available.length === 0 ? 'Every policy is attached' : 'Choose a policy…'}</option>
            {available.map((policy) => (
              <option key={policy.id} value={policy.name}>{policy.name}{policy.isBuiltin ? ' (built-in)' : ''}</option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonStyles.primary} disabled={attach.isPending || !choice}>Attach</button>
      </form>
      {attach.error && <div className="px-5 pb-3"><ErrorNotice error={attach.error} /></div>}
      {toDetach && (
        <ConfirmDialog
          title={`Detach ${toDetach}?`}
          confirmLabel="Detach"
          isPending={detach.isPending}
          error={detach.error}
          onCancel={() => {
            setToDetach(null);
            detach.reset();
          }}
          onConfirm={() => detach.mutate({ policyName: toDetach, principalType, principalName }, { onSuccess: () => setToDetach(null) })}
        >
          <p>
            {principalType === 'user' ? principalName : `Members of ${principalName}`} will lose what {toDetach} allows, from their next request on.
          </p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
