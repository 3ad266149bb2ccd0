'use client';

import { useState } from 'react';
import { isTerminal, useSendSignal, type Execution } from './queries';
import { StepItem } from './step-item';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';

/**
 * The step an Interactive execution would run next: the first step still Pending, else the next
 * step named by the last one that ended, else the first runbook step not yet run.
 */
function nextStepName(execution: Execution, runbookSteps: string[]): string {
  const steps = execution.StepExecutions.filter((step) => !step.ParentStepDetails);
  const pending = steps.find((step) => step.StepStatus === 'Pending');
  if (pending) return pending.StepName;
  const last = steps.at(-1);
  if (last?.NextStep) return last.NextStep;
  return runbookSteps.find((name) => !steps.some((step) => step.StepName === name)) ?? runbookSteps[0] ?? '';
}

/** Interactive mode: nothing runs until someone starts a step (AWS's StartStep signal). */
function StartStepControl({ execution, runbookSteps }: { execution: Execution; runbookSteps: string[] }) {
  const signal = useSendSignal(execution.AutomationExecutionId);
  const names = [...new Set([...runbookSteps, ...execution.StepExecutions.filter((step) => !step.ParentStepDetails).map((step) => step.StepName)])];
  const suggested = nextStepName(execution, runbookSteps);
  const [chosen, setChosen] = useState('');
  const stepName = chosen || suggested;
  const isBusy = execution.StepExecutions.some((step) => step.StepStatus === 'InProgress');
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <select aria-label="Step to start" className={`${sizedInputClass} w-48`} value={stepName} onChange={(event) => setChosen(event.target.value)}>
          {names.length === 0 && <option value="">No steps known</option>}
          {names.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
        <button
          type="button"
          className={buttonStyles.primary}
          disabled={!stepName || isBusy || signal.isPending}
          title={isBusy ? 'A step is running; start the next one when it ends' : undefined}
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
