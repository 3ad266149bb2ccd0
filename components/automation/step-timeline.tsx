'use client';

import { useState } from 'react';
import { isTerminal, useSendSignal, type Execution } from './queries';
import { StepItem } from './step-item';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';

/**
 * Interactive mode queues the next step as Pending and runs it on StartStep (which may name
 * another top-level step instead). Nothing can start while no step is queued.
 */
function queuedStep(execution: Execution) {
  return execution.StepExecutions.find((step) => !step.ParentStepDetails && step.StepStatus === 'Pending');
}

/** Interactive mode: nothing runs until someone starts a step (AWS's StartStep signal). */
function StartStepControl({ execution, runbookSteps }: { execution: Execution; runbookSteps: string[] }) {
  const signal = useSendSignal(execution.AutomationExecutionId);
  const names = [...new Set([...runbookSteps, ...execution.StepExecutions.filter((step) => !step.ParentStepDetails).map((step) => step.StepName)])];
  const queued = queuedStep(execution);
  const [chosen, setChosen] = useState('');
  const stepName = chosen || queued?.StepName || '';
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <select aria-label="Step to start" className={`${sizedInputClass} w-48`} value={stepName} onChange={(event) => setChosen(event.target.value)}>
          {!stepName && <option value="">{queued ? 'Choose a step' : 'Waiting for the current step'}</option>}
          {names.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
        <button
          type="button"
          className={buttonStyles.primary}
          disabled={!queued || !stepName || signal.isPending}
          title={queued ? undefined : 'The current step has not ended yet; the next one can start once it has'}
          onClick={() => signal.mutate({ signalType: 'StartStep', payload: { StepName: [stepName] } }, { onSuccess: () => setChosen('') })}
        >
          {signal.isPending ? 'Starting…' : 'Start step'}
        </button>
      </div>
      {signal.error && <p role="alert" className="max-w-xs text-right text-xs text-red-700">{signal.error.message}</p>}
    </div>
  );
}

/** Every step execution so far, in order, loop iterations nested under their loop. */
export function StepTimeline({ execution, runbookSteps }: { execution: Execution; runbookSteps: string[] }) {
  const isInteractive = execution.Mode === 'Interactive' && !isTerminal(execution.AutomationExecutionStatus);
  return (
    <Section
      title="Steps"
      description={isInteractive ? 'Manual execution: start each step when you are ready.' : 'Each step as it runs; open Inputs and Outputs for the details.'}
      actions={isInteractive && <StartStepControl execution={execution} runbookSteps={runbookSteps} />}
    >
      <div className="p-5">
        {execution.StepExecutions.length === 0 ? (
          <p className="text-sm text-slate-500">{isTerminal(execution.AutomationExecutionStatus) ? 'No step ran.' : isInteractive ? 'No step has run yet: start the first one above.' : 'No step has started yet.'}</p>
        ) : (
          <ol aria-label="Step timeline" className="relative before:absolute before:bottom-5 before:left-3.5 before:top-3 before:w-px before:bg-slate-200">
            {execution.StepExecutions.map((step) => (
              <StepItem key={step.StepExecutionId} step={step} executionId={execution.AutomationExecutionId} isInteractive={isInteractive} />
            ))}
          </ol>
        )}
        {execution.StepExecutionsTruncated && <p className="mt-2 text-xs text-slate-500">Only the first 2,000 step executions are shown.</p>}
      </div>
    </Section>
  );
}
