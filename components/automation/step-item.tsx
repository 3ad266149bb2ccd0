'use client';

import Link from 'next/link';
import type { StepExecution } from './queries';
import { StepControls } from './step-controls';
import { AutomationStatusBadge, toneOf } from './status-badge';
import { elapsed, prettyJson, waitingNote } from './execution-text';
import { linkClass } from '@/components/settings/ui';
import { dateTime } from '@/components/lib/format';

const ICONS: Record<string, string> = { Success: '✓', Failed: '✕', TimedOut: '⏱', Cancelled: '–', Cancelling: '…', Waiting: '❚❚', InProgress: '●', Pending: '○' };

/** The round marker on the timeline's line: the status as a symbol in its colour. */
function StatusIcon({ status }: { status: string }) {
  const tone = toneOf(status);
  return (
    <span
      aria-hidden
      className={`relative z-10 flex h-7 w-7 shrink-0 items-center justify-center rounded-full border-2 bg-white text-xs font-bold ${status === 'InProgress' ? 'animate-pulse' : ''}`}
      style={{ borderColor: tone.stroke, color: tone.text, backgroundColor: tone.fill }}
    >
      {ICONS[status] ?? '○'}
    </span>
  );
}

function Decisions({ decisions }: { decisions: NonNullable<StepExecution['ApproverDecisions']> }) {
  if (decisions.length === 0) return null;
  return (
    <ul aria-label="Approver decisions" className="mt-2 space-y-1 text-xs">
      {decisions.map((decision) => (
        <li key={`${decision.username}-${decision.at}`} className="flex flex-wrap gap-1.5">
          <span className={decision.decision === 'Approve' ? 'font-medium text-emerald-700' : 'font-medium text-red-700'}>{decision.decision === 'Approve' ? 'Approved' : 'Rejected'}</span>
          <span className="text-slate-600">{`by ${decision.username}, ${dateTime(decision.at)}`}</span>
          {decision.comment && <span className="italic text-slate-700">{`“${decision.comment}”`}</span>}
        </li>
      ))}
    </ul>
  );
}

function KeyValues({ label, entries }: { label: string; entries: [string, string][] }) {
  return (
    <details className="group mt-2 text-xs">
      <summary className="cursor-pointer select-none text-slate-600 hover:text-slate-900">{`${label} (${entries.length})`}</summary>
      <dl className="mt-1 space-y-1.5 rounded border border-slate-200 bg-slate-50 p-2">
        {entries.map(([name, value]) => (
          <div key={name}>
            <dt className="font-mono font-medium text-slate-700">{name}</dt>
            <dd><pre className="max-h-60 overflow-auto whitespace-pre-wrap break-all font-mono text-slate-900">{value}</pre></dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/**
 * One step execution on the timeline: status, name, action, attempt and duration; what it waits
 * for (with a link to the command or child execution); its error in words; approvals; the
 * inputs it ran with and what it produced, folded.
 */
export function StepItem({ step, executionId, isInteractive }: { step: StepExecution; executionId: string; isInteractive: boolean }) {
  const waiting = waitingNote(step);
  const inputs = Object.entries(step.Inputs).map(([name, value]): [string, string] => [name, prettyJson(value)]);
  const outputs = Object.entries(step.Outputs).map(([name, values]): [string, string] => [name, values.join('\n')]);
  const loop = step.ParentStepDetails;
  const isRetried = step.Attempt > 1 || step.MaxAttempts > 1;

  return (
    <li data-step={step.StepName} data-status={step.StepStatus} className={`relative flex gap-3 pb-5 ${loop ? 'ml-8' : ''}`}>
      <StatusIcon status={step.StepStatus} />
      <div className="min-w-0 flex-1 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{step.StepName}</span>
              <AutomationStatusBadge status={step.StepStatus} />
            </p>
            <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
              <span className="font-mono">{step.Action}</span>
              {isRetried && <span>{`attempt ${step.Attempt} of ${step.MaxAttempts}`}</span>}
              {loop && <span>{`iteration ${loop.Iteration} of ${loop.StepName}${loop.IteratorValue ? ` (${loop.IteratorValue})` : ''}`}</span>}
              {step.OnFailure !== 'Abort' && <span>{`on failure: ${step.OnFailure}`}</span>}
            </p>
          </div>
          <p className="text-right text-xs text-slate-500">
            <span className="block tabular-nums text-slate-700">{step.ExecutionStartTime ? elapsed(step.ExecutionStartTime, step.ExecutionEndTime) : 'not started'}</span>
            {step.ExecutionStartTime && <span className="block">{dateTime(step.ExecutionStartTime)}</span>}
          </p>
        </div>
        {waiting && (
          <p className="mt-2 text-sm text-violet-800" data-testid="step-waiting">
            {waiting.text}
            {waiting.href && <> <Link href={waiting.href} className={`${linkClass} font-mono`}>{waiting.linkText}</Link></>}
          </p>
        )}
        {!waiting && step.CommandId && (
          <p className="mt-2 text-xs text-slate-600">Command <Link href={`/run-command/${encodeURIComponent(step.CommandId)}`} className={`${linkClass} font-mono`}>{step.CommandId.slice(0, 8)}</Link></p>
        )}
        {!waiting && step.ChildExecutionId && (
          <p className="mt-2 text-xs text-slate-600">Child execution <Link href={`/automation/${encodeURIComponent(step.ChildExecutionId)}`} className={`${linkClass} font-mono`}>{step.ChildExecutionId.slice(0, 8)}</Link></p>
        )}
        {step.FailureMessage && (
          <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800">
            {step.FailureMessage}
            {step.FailureDetails && <span className="block text-xs text-red-700/80">{`${step.FailureDetails.FailureType} failure`}</span>}
          </p>
        )}
        {step.ApproverDecisions && <Decisions decisions={step.ApproverDecisions} />}
        <StepControls executionId={executionId} step={step} isInteractive={isInteractive} />
        <div className="flex flex-wrap gap-x-6">
          {inputs.length > 0 && <KeyValues label="Inputs" entries={inputs} />}
          {outputs.length > 0 && <KeyValues label="Outputs" entries={outputs} />}
        </div>
      </div>
    </li>
  );
}
