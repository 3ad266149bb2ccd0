import type { DocumentIssue } from './queries';

const placeOf = (issue: DocumentIssue) => (issue.line ? `Line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}` : 'Document');

/** The check's answer under the editor, in words: each issue with its place, or that there are none. */
export function IssuesList({ issues, isChecking, error }: { issues: DocumentIssue[]; isChecking: boolean; error: unknown }) {
  if (error) {
    return <p className="text-sm text-amber-800">{`Could not check the document: ${error instanceof Error ? error.message : 'unknown error'}`}</p>;
  }
  if (issues.length === 0) {
    return (
      <p role="status" aria-label="Document check" className="flex items-center gap-1.5 text-sm text-slate-600">
        <span className={`h-2 w-2 rounded-full ${isChecking ? 'bg-slate-300' : 'bg-emerald-500'}`} aria-hidden />
        {isChecking ? 'Checking…' : 'No issues found.'}
      </p>
    );
  }
  return (
    <div role="status" aria-label="Document check" className="rounded border border-red-200 bg-red-50/60">
      <p className="border-b border-red-200 px-3 py-1.5 text-sm font-medium text-red-800">
        {`${issues.length} issue${issues.length === 1 ? '' : 's'} to fix`}
        {isChecking && <span className="ml-2 font-normal text-red-700/70">checking…</span>}
      </p>
      <ul aria-label="Document issues" className="divide-y divide-red-100 text-sm">
        {issues.map((issue, index) => (
          <li key={`${issue.path}-${issue.line}-${index}`} className="flex gap-3 px-3 py-1.5">
            <span className="w-32 shrink-0 font-mono text-xs leading-5 text-red-700">{placeOf(issue)}</span>
            <span className="text-red-900">
              {issue.path && <code className="mr-1 rounded bg-white px-1 font-mono text-xs">{issue.path}</code>}
              {issue.message}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
