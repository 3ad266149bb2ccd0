'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { executionHref, isTerminal, useRerunExecution, useStopExecution, type Execution } from './queries';
import { failedStepName } from './execution-text';
import { usePermissions } from '@/components/shell/queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { buttonStyles } from '@/components/ui/notices';

/**
 * Stop (Cancel: the steps' onCancel run, then Cancelled) while it runs; once it failed, "Re-run
 * from failed step", which starts a new execution of the same version and parameters there.
 */
export function ExecutionActions({ execution }: { execution: Execution }) {
  const router = useRouter();
  const { can } = usePermissions();
  const stop = useStopExecution(execution.AutomationExecutionId);
  const rerun = useRerunExecution(execution.AutomationExecutionId);
  const [asking, setAsking] = useState<'stop' | 'rerun' | null>(null);
  const status = execution.AutomationExecutionStatus;
  const failedStep = failedStepName(execution.StepExecutions);
  // A rate-controlled parent is started again instead; its children can each be re-run.
  const canRerun = (status === 'Failed' || status === 'TimedOut') && Boolean(failedStep) && !execution.TargetParameterName;

  const close = () => {
    setAsking(null);
    stop.reset();
    rerun.reset();
  };

  return (
    <div className="flex shrink-0 items-start gap-2 whitespace-nowrap">
      {can('startAutomation') && (
        <Link href={`/automation/new?${new URLSearchParams({ document: execution.DocumentName })}`} className={buttonStyles.secondary}>Run again</Link>
      )}
      {canRerun && (
        <button type="button" className={buttonStyles.primary} onClick={() => setAsking('rerun')}>Re-run from failed step</button>
      )}
      {!isTerminal(status) && (
        <button type="button" className={buttonStyles.danger} disabled={status === 'Cancelling'} onClick={() => setAsking('stop')}>
          {status === 'Cancelling' ? 'Cancelling…' : 'Stop execution'}
        </button>
      )}
      {asking === 'stop' && (
        <ConfirmDialog title="Stop this execution?" confirmLabel="Stop execution" isPending={stop.isPending} error={stop.error} onCancel={close} onConfirm={() => stop.mutate('Cancel', { onSuccess: close })}>
          <p>The step running now is cancelled (a command it sent is cancelled too), steps with an onCancel step run it, and no further step starts. What already ran stays done.</p>
          {execution.TargetParameterName && <p>Child executions still running are stopped as well.</p>}
        </ConfirmDialog>
      )}
      {asking === 'rerun' && failedStep && (
        <ConfirmDialog
          title={`Re-run from ${failedStep}?`}
          confirmLabel="Re-run"
          isPending={rerun.isPending}
          error={rerun.error}
          onCancel={close}
          onConfirm={() => rerun.mutate(failedStep, { onSuccess: ({ executionId }) => router.push(executionHref(executionId)) })}
        >
          <p>{`A new execution of ${execution.DocumentName} version ${execution.DocumentVersion} starts at step ${failedStep}, with the same parameters; the steps before it are not run again.`}</p>
          <p>This execution stays as it is, for the record.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
