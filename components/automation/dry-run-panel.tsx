'use client';

import { useId, useState } from 'react';
import { useDryRun, type DryRunResult } from './queries';
import { dryRunParameters } from './dry-run-parameters';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

type Issue = DryRunResult['issues'][number];

const SEVERITY = {
  error: { badge: 'bg-red-50 text-red-700 ring-red-600/20', row: 'hover:bg-red-50/60' },
  warning: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', row: 'hover:bg-amber-50/60' },
} as const;

function IssueRow({ issue, onJump }: { issue: Issue; onJump: (line: number, column?: number) => void }) {
  const line = issue.line;
  const body = (
    <>
      <span className={`mt-0.5 inline-flex h-fit shrink-0 rounded-full px-2 py-0.5 text-[11px] font-medium uppercase ring-1 ring-inset ${SEVERITY[issue.severity].badge}`}>{issue.severity}</span>
      <span className="min-w-0 text-left">
        <span className="block text-slate-900">{issue.message}</span>
        <span className="mt-0.5 block text-xs text-slate-500">
          {issue.path && <code className="mr-2 break-all rounded bg-slate-100 px-1 font-mono">{issue.path}</code>}
          {line ? `line ${line}${issue.column ? `, column ${issue.column}` : ''}` : 'whole document'}
        </span>
      </span>
    </>
  );
  return (
    <li data-severity={issue.severity}>
      {line ? (
        <button type="button" className={`flex w-full gap-3 px-3 py-2 text-sm ${SEVERITY[issue.severity].row}`} onClick={() => onJump(line, issue.column)} title="Show in the editor">
          {body}
        </button>
      ) : (
        <div className="flex gap-3 px-3 py-2 text-sm">{body}</div>
      )}
    </li>
  );
}

function DryRunAnswer({ result, onJump }: { result: DryRunResult; onJump: (line: number, column?: number) => void }) {
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = result.issues.length - errors;
  const unreachable = result.steps.filter((step) => !step.isReachable);
  return (
    <div role="status" aria-label="Dry run result" className="space-y-2">
      <p className={`flex items-center gap-2 text-sm font-medium ${result.ok ? 'text-emerald-700' : 'text-red-800'}`}>
        <span className={`h-2 w-2 rounded-full ${result.ok ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden />
        {result.ok
          ? `The runbook would start${warnings > 0 ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}` : ': no issues found'}.`
          : `${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: it would not start.`}
      </p>
      {result.issues.length > 0 && (
        <ul aria-label="Dry run issues" className="divide-y divide-slate-100 rounded border border-slate-200">
          {result.issues.map((issue, index) => <IssueRow key={`${issue.path}-${issue.line}-${index}`} issue={issue} onJump={onJump} />)}
        </ul>
      )}
      <p className="text-xs text-slate-500">
        {`${result.steps.length} step${result.steps.length === 1 ? '' : 's'} checked`}
        {unreachable.length > 0 && `; never reached: ${unreachable.map((step) => step.name).join(', ')}`}
      </p>
    </div>
  );
}

/**
 * Checks the runbook in the editor as a start would, without running anything: unknown actions,
 * missing inputs, references to undeclared parameters or missing steps, unreachable steps.
 * Parameters can be given to check them too. Clicking an issue puts the cursor on its line.
 */
export function DryRunPanel({ content, format, onJump }: { content: string; format: 'JSON' | 'YAML'; onJump: (line: number, column?: number) => void }) {
  const dryRun = useDryRun();
  const [parametersText, setParametersText] = useState('');
  const [parametersError, setParametersError] = useState<string | null>(null);
  const id = useId();

  const handleRun = () => {
    const parameters = dryRunParameters(parametersText);
    if ('error' in parameters) return setParametersError(parameters.error);
    setParametersError(null);
    dryRun.mutate({ content, documentFormat: format, parameters: parameters.values });
  };

  return (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      <div className="text-sm">
        <label htmlFor={id} className="mb-1 block font-medium">Dry-run parameters</label>
        <textarea
          id={id}
          className={`${inputClass} h-20 font-mono text-xs`}
          value={parametersText}
          spellCheck={false}
          onChange={(event) => setParametersText(event.target.value)}
          placeholder={'{ "InstanceId": "mi-0123456789abcdef0" }'}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">Optional JSON: parameter name → value or list of values. Left empty, defaults are used.</p>
      </div>
      {parametersError && <p role="alert" className="text-sm text-red-700">{parametersError}</p>}
      <button type="button" className={buttonStyles.secondary} disabled={dryRun.isPending || content.trim() === ''} onClick={handleRun}>
        {dryRun.isPending ? 'Checking…' : 'Dry run'}
      </button>
      {dryRun.error && <ErrorNotice error={dryRun.error} />}
      {dryRun.data && <DryRunAnswer result={dryRun.data} onJump={onJump} />}
    </div>
  );
}
