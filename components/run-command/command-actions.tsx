'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { commandExportHref, commandHref, isCommandDone, useCancelCommand, useRerunOnFailed, type CommandPage } from './queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { buttonStyles } from '@/components/ui/notices';

/** Export, Cancel (while running) and "Rerun on failed targets" (once finished, when some did not succeed). */
export function CommandActions({ page }: { page: CommandPage }) {
  const router = useRouter();
  const { command, counts, canCancel, canSend } = page;
  const cancel = useCancelCommand(command.CommandId);
  const rerun = useRerunOnFailed(command);
  const [asking, setAsking] = useState<'cancel' | 'rerun' | null>(null);
  const isDone = isCommandDone(command);
  const unsuccessful = command.CompletedCount - (counts.Success ?? 0);
  const rerunNote = !isDone
    ? 'Available once the command has finished'
    : unsuccessful === 0
      ? 'Every node succeeded'
      : undefined;

  const close = () => {
    setAsking(null);
    cancel.reset();
    rerun.reset();
  };

  return (
    <div className="flex shrink-0 items-start gap-2 whitespace-nowrap">
      <a href={commandExportHref(command.CommandId)} className={buttonStyles.secondary} download>Export CSV</a>
      {canSend && (
        <button type="button" className={buttonStyles.secondary} disabled={Boolean(rerunNote)} title={rerunNote} onClick={() => setAsking('rerun')}>
          Rerun on failed targets
        </button>
      )}
      {canCancel && !isDone && (
        <button type="button" className={buttonStyles.danger} onClick={() => setAsking('cancel')} disabled={command.Status === 'Cancelling'}>
          {command.Status === 'Cancelling' ? 'Cancelling…' : 'Cancel command'}
        </button>
      )}
      {asking === 'cancel' && (
        <ConfirmDialog title="Cancel this command?" confirmLabel="Cancel command" isPending={cancel.isPending} error={cancel.error} onCancel={close} onConfirm={() => cancel.mutate(undefined, { onSuccess: close })}>
          <p>Nodes that have not started it will not run it. Nodes running it now have their processes stopped; what they already did stays done.</p>
        </ConfirmDialog>
      )}
      {asking === 'rerun' && (
        <ConfirmDialog
          title={`Rerun on ${unsuccessful.toLocaleString('en')} node${unsuccessful === 1 ? '' : 's'}?`}
          confirmLabel="Rerun"
          isPending={rerun.isPending}
          error={rerun.error}
          onCancel={close}
          onConfirm={() =>
            rerun.mutate(undefined, {
              onSuccess: (sent) => router.push(commandHref(sent.CommandId)),
            })
          }
        >
          <p>{`${command.DocumentName} version ${command.DocumentVersion} runs again with the same parameters and limits on every node where it did not succeed (failed, timed out, cancelled or undeliverable).`}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
