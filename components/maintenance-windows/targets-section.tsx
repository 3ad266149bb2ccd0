'use client';

import { useState } from 'react';
import { TargetForm } from './target-form';
import { useDeregisterTarget, type WindowWithParts } from './queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Badge, Muted, Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

type Target = WindowWithParts['targets'][number];

export const targetText = (target: Pick<Target, 'Targets'>) => target.Targets.map((entry) => `${entry.Key} = ${entry.Values.join(', ')}`).join('; ');

/** The window's registered targets, and registering or removing one. */
export function TargetsSection({ windowId, targets, canRegister }: { windowId: string; targets: Target[]; canRegister: boolean }) {
  const [isAdding, setIsAdding] = useState(false);
  const removal = useConfirmMutation(useDeregisterTarget(windowId), (target: Target) => target.WindowTargetId);

  return (
    <Section
      title="Targets"
      description="The nodes tasks run on, resolved when each run starts."
      actions={canRegister && !isAdding && <button type="button" className={buttonStyles.secondary} onClick={() => setIsAdding(true)}>Register target</button>}
    >
      {isAdding && <TargetForm windowId={windowId} onDone={() => setIsAdding(false)} onCancel={() => setIsAdding(false)} />}
      {targets.length === 0 ? (
        <Muted>No targets yet. Register nodes by id, by tag or by resource group, then point tasks at them.</Muted>
      ) : (
        <DataTable label="Targets" columns={['Target', 'Type', 'Selects', 'Owner information']} hasActions={canRegister}>
          {targets.map((target) => (
            <tr key={target.WindowTargetId}>
              <td className={tableStyles.td}>
                <div className="font-medium">{target.Name ?? 'Unnamed target'}</div>
                <div className="font-mono text-xs text-slate-500">{target.WindowTargetId}</div>
              </td>
              <td className={tableStyles.td}><Badge tone={target.ResourceType === 'RESOURCE_GROUP' ? 'sky' : 'slate'}>{target.ResourceType === 'RESOURCE_GROUP' ? 'Resource group' : 'Instances'}</Badge></td>
              <td className={`${tableStyles.td} font-mono text-xs [overflow-wrap:anywhere]`}>{targetText(target)}</td>
              <td className={`${tableStyles.td} text-slate-600`}>{target.OwnerInformation ?? '—'}</td>
              {canRegister && (
                <td className={`${tableStyles.td} text-right`}>
                  <button type="button" className={buttonStyles.danger} onClick={() => removal.ask(target)} aria-label={`Deregister target ${target.Name ?? target.WindowTargetId}`}>Deregister</button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {removal.target && (
        <ConfirmDialog title="Deregister this target?" confirmLabel="Deregister" {...removal.dialogProps}>
          <p>{`Tasks stop running on ${targetText(removal.target)}. A target that a task still names cannot be deregistered: remove the task first.`}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
