'use client';

import { useState } from 'react';
import { useSendSignal, type StepExecution } from './queries';
import { DecisionDialog } from './decision-dialog';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

const approveButton = 'rounded bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-60';

/**
 * What can be done to a step from its place in the timeline: Approve or Reject an aws:approve
 * that waits (the server checks the caller is one of its approvers), Resume an aws:pause, and
 * in Interactive mode stop the step that runs. Each is a SendAutomationSignal.
 */
export function StepControls({ executionId, step, isInteractive }: { executionId: string; step: StepExecution; isInteractive: boolean }) {
  const signal = useSendSignal(executionId);
  const [asking, setAsking] = useState<'Approve' | 'Reject' | null>(null);
  const isWaiting = step.StepStatus === 'Waiting';
  const isApproval = isWaiting && step.Action === 'aws:approve';
  const isPause = isWaiting && step.Action === 'aws:pause';
  const canStopStep = isInteractive && (step.StepStatus === 'InProgress' || step.StepStatus === 'Waiting');
  if (!isApproval && !isPause && !canStopStep) return null;

  const close = () => {
    setAsking(null);
    signal.reset();
  };
  const decide = (decision: 'Approve' | 'Reject', comment: string) =>
    signal.mutate({ signalType: decision, ...(comment ? { payload: { Comment: [comment] } } : {}) }, { onSuccess: close });
  const message = step.Inputs.Message ? safeText(step.Inputs.Message) : null;

  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {isApproval && (
          <>
            <button type="button" className={approveButton} onClick={() => setAsking('Approve')}>Approve</button>
            <button type="button" className={buttonStyles.danger} onClick={() => setAsking('Reject')}>Reject</button>
          </>
        )}
        {isPause && (
          <button type="button" className={buttonStyles.primary} disabled={signal.isPending} onClick={() => signal.mutate({ signalType: 'Resume' })}>
            {signal.isPending ? 'Resuming…' : 'Resume'}
          </button>
        )}
        {canStopStep && !isApproval && (
          <button type="button" className={buttonStyles.danger} disabled={signal.isPending} onClick={() => signal.mutate({ signalType: 'StopStep', payload: { StepExecutionId: [step.StepExecutionId] } })}>
            Stop step
          </button>
        )}
      </div>
      {!asking && signal.error && <ErrorNotice error={signal.error} />}
      {asking && (
        <DecisionDialog
          title={asking === 'Approve' ? `Approve step ${step.StepName}?` : `Reject step ${step.StepName}?`}
          tone={asking === 'Approve' ? 'approve' : 'reject'}
          confirmLabel={asking}
          isPending={signal.isPending}
          error={signal.error}
          onCancel={close}
          onConfirm={(comment) => decide(asking, comment)}
        >
          {message && <p className="rounded bg-slate-50 px-3 py-2 italic">{`“${message}”`}</p>}
          <p>
            {asking === 'Approve'
              ? 'Your approval is recorded with your name. The step goes on once enough approvers have approved.'
              : 'One rejection is enough: the step fails and the execution follows its onFailure.'}
          </p>
        </DecisionDialog>
      )}
    </div>
  );
}

/** An input value as AWS returns it (JSON text) when it is a plain string: the string itself. */
function safeText(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : json;
  } catch {
    return json;
  }
}
