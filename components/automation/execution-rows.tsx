'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { executionHref, executionListQuery, type ExecutionSummary } from './queries';
import { AutomationStatusBadge } from './status-badge';
import { elapsed, rateControlSummary } from './execution-text';
import { linkClass } from '@/components/settings/ui';
import { tableStyles } from '@/components/ui/data-table';
import { dateTime, timeAgo } from '@/components/lib/format';

/** Children shown under an opened parent row; the rest are one click away (?parent=). */
const CHILDREN_SHOWN = 10;
const COLUMN_COUNT = 7;

function ExecutionRow({ execution, isChild = false, toggle }: { execution: ExecutionSummary; isChild?: boolean; toggle?: React.ReactNode }) {
  const rateControl = rateControlSummary(execution);
  return (
    <tr className={isChild ? 'bg-slate-50/70 hover:bg-slate-100/70' : 'hover:bg-slate-50'} data-execution={execution.AutomationExecutionId} data-parent={isChild ? execution.ParentAutomationExecutionId : undefined}>
      <td className={tableStyles.td}>
        <span className={`flex items-center gap-1.5 ${isChild ? 'pl-6' : ''}`}>
          {isChild && <span className="text-slate-300" aria-hidden>└</span>}
          <Link href={executionHref(execution.AutomationExecutionId)} className={`${linkClass} font-mono text-xs`}>{execution.AutomationExecutionId.slice(0, 8)}</Link>
          {execution.Mode === 'Interactive' && <span className="rounded bg-slate-100 px-1.5 text-[11px] text-slate-600">interactive</span>}
        </span>
        {isChild && execution.Target && <span className="block pl-10 font-mono text-xs text-slate-500">{execution.Target}</span>}
        {toggle}
      </td>
      <td className={tableStyles.td}><AutomationStatusBadge status={execution.AutomationExecutionStatus} /></td>
      <td className={tableStyles.td}>
        <span className="whitespace-nowrap font-medium">{execution.DocumentName}</span>
        <span className="block text-xs text-slate-500">{`version ${execution.DocumentVersion}`}</span>
        {rateControl && <span className="block max-w-72 truncate text-xs text-slate-500" title={rateControl}>{rateControl}</span>}
      </td>
      <td className={`${tableStyles.td} max-w-72`}>
        {execution.FailureMessage ? (
          <span className="line-clamp-2 text-xs text-red-700" title={execution.FailureMessage}>{execution.FailureMessage}</span>
        ) : execution.CurrentStepName ? (
          <>
            <span className="block truncate">{execution.CurrentStepName}</span>
            <span className="block font-mono text-xs text-slate-500">{execution.CurrentAction}</span>
          </>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
      <td className={`${tableStyles.td} text-slate-700`}>{execution.ExecutedBy}</td>
      <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}><span title={dateTime(execution.ExecutionStartTime)}>{timeAgo(execution.ExecutionStartTime)}</span></td>
      <td className={`${tableStyles.td} whitespace-nowrap tabular-nums text-slate-600`}>{elapsed(execution.ExecutionStartTime, execution.ExecutionEndTime)}</td>
    </tr>
  );
}

/** The first children of a rate-controlled execution, read when its row is opened. */
function ChildRows({ parentId, onShowAll }: { parentId: string; onShowAll: () => void }) {
  const { data, error, isPending } = useQuery(executionListQuery({ status: '', document: '', executedBy: '', parent: parentId, page: 1 }, CHILDREN_SHOWN));
  const message = error ? `Cannot list the child executions: ${error.message}` : isPending ? 'Loading child executions…' : data && data.executions.length === 0 ? 'No child execution has started yet.' : null;
  return (
    <>
      {message && (
        <tr><td colSpan={COLUMN_COUNT} className={`px-4 py-2 pl-14 text-sm ${error ? 'text-red-700' : 'text-slate-500'}`}>{message}</td></tr>
      )}
      {data?.executions.map((child) => <ExecutionRow key={child.AutomationExecutionId} execution={child} isChild />)}
      {data && data.total > data.executions.length && (
        <tr>
          <td colSpan={COLUMN_COUNT} className="px-4 py-2 pl-14 text-sm">
            <button type="button" className={linkClass} onClick={onShowAll}>{`Show all ${data.total.toLocaleString('en')} child executions`}</button>
          </td>
        </tr>
      )}
    </>
  );
}

/** Execution rows; a rate-controlled parent can open to list its children beneath it. */
export function ExecutionRows({ executions, canExpand, onShowChildren }: { executions: ExecutionSummary[]; canExpand: boolean; onShowChildren: (parentId: string) => void }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setOpen((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <>
      {executions.map((execution) => {
        const id = execution.AutomationExecutionId;
        const isParent = canExpand && Boolean(execution.TargetParameterName && execution.Targets?.length);
        const isOpen = open.has(id);
        return (
          <Fragment key={id}>
            <ExecutionRow
              execution={execution}
              toggle={isParent && (
                <button type="button" className="mt-1 block text-xs text-sky-700 hover:underline" aria-expanded={isOpen} onClick={() => toggle(id)}>
                  {isOpen ? '▾ Hide child executions' : '▸ Child executions'}
                </button>
              )}
            />
            {isOpen && <ChildRows parentId={id} onShowAll={() => onShowChildren(id)} />}
          </Fragment>
        );
      })}
    </>
  );
}
