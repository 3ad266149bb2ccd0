'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { editAssociationHref, useApplyAssociation, useDeleteAssociation, type Association } from './queries';
import { associationTitle } from './association-text';
import { usePermissions } from '@/components/shell/queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

/** Apply now (StartAssociationsOnce), Edit (a new version) and Delete, for those who may change associations. */
export function AssociationActions({ association }: { association: Association }) {
  const router = useRouter();
  const { can } = usePermissions();
  const apply = useApplyAssociation(association.AssociationId);
  const remove = useDeleteAssociation();
  const confirm = useConfirmMutation(remove, (id: string) => id, () => router.push('/state-manager'));
  if (!can('createAssociations')) return null;
  return (
    <div className="flex shrink-0 flex-col items-end gap-2">
      <div className="flex items-start gap-2 whitespace-nowrap">
        <button type="button" className={buttonStyles.primary} disabled={apply.isPending} onClick={() => apply.mutate()}>
          {apply.isPending ? 'Starting…' : 'Apply now'}
        </button>
        <Link href={editAssociationHref(association.AssociationId)} className={buttonStyles.secondary}>Edit</Link>
        <button type="button" className={buttonStyles.danger} onClick={() => confirm.ask(association.AssociationId)}>Delete</button>
      </div>
      {apply.error && <div className="max-w-md"><ErrorNotice error={apply.error} /></div>}
      {apply.isSuccess && !apply.isPending && <p role="status" className="text-xs text-slate-500">A run has started; it appears in the history below.</p>}
      {confirm.target && (
        <ConfirmDialog title={`Delete ${associationTitle(association)}?`} confirmLabel="Delete association" {...confirm.dialogProps}>
          <p>{`Its schedule stops and its history and ${association.AssociationVersion === '1' ? 'settings are' : `${association.AssociationVersion} versions are`} deleted. What it already did on the nodes stays done.`}</p>
          <p>Commands and executions it started stay in Run Command and Automation.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
