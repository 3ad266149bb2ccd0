'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Section, inputClass, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ModalForm } from '@/components/ui/modal-form';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { allBaselinesQuery, baselineHref, patchGroupsQuery, usePatchGroupRegistration, type PatchGroupMapping } from './queries';

function RegisterDialog({ onClose }: { onClose: () => void }) {
  const { data } = useQuery(allBaselinesQuery());
  const register = usePatchGroupRegistration('POST');
  const [patchGroup, setPatchGroup] = useState('');
  const [baselineId, setBaselineId] = useState('');
  return (
    <ModalForm title="Register a patch group" description="Nodes tagged Patch Group (or PatchGroup) with this value use the baseline for their OS." onSubmit={() => register.mutate({ baselineId, patchGroup: patchGroup.trim() }, { onSuccess: onClose })} onCancel={onClose}>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Patch group</span>
        <input className={inputClass} value={patchGroup} onChange={(event) => setPatchGroup(event.target.value)} placeholder="web-servers" required />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Baseline</span>
        <select className={inputClass} value={baselineId} onChange={(event) => setBaselineId(event.target.value)} required>
          <option value="" disabled>Choose a baseline</option>
          {data?.baselines.map((baseline) => <option key={baseline.BaselineId} value={baseline.BaselineId}>{`${baseline.BaselineName} (${baseline.OperatingSystem})`}</option>)}
        </select>
      </label>
      {register.error && <ErrorNotice error={register.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={register.isPending}>Register</button>
      </div>
    </ModalForm>
  );
}

/** Patch groups and the baseline each uses per operating system. */
export function PatchGroupsView() {
  const { data, error, isPending } = useQuery(patchGroupsQuery());
  const [isRegistering, setIsRegistering] = useState(false);
  const deregister = useConfirmMutation(usePatchGroupRegistration('DELETE'), (mapping: PatchGroupMapping) => ({ baselineId: mapping.BaselineIdentity.BaselineId, patchGroup: mapping.PatchGroup }));
  const registerButton = <button type="button" className={buttonStyles.primary} onClick={() => setIsRegistering(true)}>Register patch group</button>;
  return (
    <Section title="Patch groups" description="A node's Patch Group tag picks the baseline registered here for its operating system; nodes outside any group use their OS default." actions={registerButton}>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading patch groups…</p>}
      {data && data.mappings.length === 0 && (
        <div className="p-5"><EmptyState title="No patch groups yet">Tag nodes with Patch Group = a name, then register a baseline for that name here.</EmptyState></div>
      )}
      {data && data.mappings.length > 0 && (
        <DataTable label="Patch groups" columns={['Patch group', 'Operating system', 'Baseline']} hasActions>
          {data.mappings.map((mapping) => (
            <tr key={`${mapping.PatchGroup}/${mapping.BaselineIdentity.OperatingSystem}`} data-patch-group={mapping.PatchGroup}>
              <td className={`${tableStyles.td} font-medium`}>{mapping.PatchGroup}</td>
              <td className={tableStyles.td}>{mapping.BaselineIdentity.OperatingSystem}</td>
              <td className={tableStyles.td}><Link href={baselineHref(mapping.BaselineIdentity.BaselineId)} className={linkClass}>{mapping.BaselineIdentity.BaselineName}</Link></td>
              <td className={`${tableStyles.td} text-right`}><button type="button" className={buttonStyles.danger} onClick={() => deregister.ask(mapping)}>Deregister</button></td>
            </tr>
          ))}
        </DataTable>
      )}
      {isRegistering && <RegisterDialog onClose={() => setIsRegistering(false)} />}
      {deregister.target && (
        <ConfirmDialog title="Deregister patch group" confirmLabel="Deregister" {...deregister.dialogProps}>
          <p>{`Nodes in ${deregister.target.PatchGroup} (${deregister.target.BaselineIdentity.OperatingSystem}) will use their OS default baseline from their next scan.`}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
