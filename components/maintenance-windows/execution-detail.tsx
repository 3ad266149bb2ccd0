'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { executionQuery, windowHref, type ExecutionWithTasks } from './queries';
import { WindowStatusBadge } from './status-badge';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Badge, Muted, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ApiError } from '@/components/lib/api-client';
import { dateTime } from '@/components/lib/format';

type TaskExecution = ExecutionWithTasks['tasks'][number];
type Invocation = TaskExecution['invocations'][number];

const TYPE_LABELS: Record<string, string> = { RUN_COMMAND: 'Run Command', AUTOMATION: 'Automation', WEBHOOK: 'Webhook' };

/** Where the whole of an invocation's work is: its command, or its automation execution. */
function ExecutionLink({ task, invocation }: { task: TaskExecution; invocation: Invocation }) {
  if (!invocation.ExecutionId) return invocation.ResponseStatus ? <span>{`HTTP ${invocation.ResponseStatus}`}</span> : <span className="text-slate-400">—</span>;
  const href = task.TaskType === 'AUTOMATION' ? `/automation/${invocation.ExecutionId}` : `/run-command/${invocation.ExecutionId}`;
  return <Link href={href} className={`${linkClass} font-mono text-xs`}>{invocation.ExecutionId.slice(0, 8)}</Link>;
}

function InvocationsTable({ task }: { task: TaskExecution }) {
  if (task.invocations.length === 0) return <Muted>{task.Status === 'PENDING' ? 'Not started yet.' : 'No invocations: nothing was started.'}</Muted>;
  return (
    <DataTable label={`Invocations of ${task.TaskName ?? task.TaskArn}`} columns={['Target', 'Status', 'Details', task.TaskType === 'WEBHOOK' ? 'Response' : 'Execution', 'Output']}>
      {task.invocations.map((invocation) => (
        <tr key={invocation.InvocationId}>
          <td className={tableStyles.td}>
            {invocation.ResourceId ? <Link href={`/fleet/${invocation.ResourceId}`} className={`${linkClass} font-mono text-xs`}>{invocation.ResourceId}</Link> : <span className="text-slate-500">{task.TaskType === 'WEBHOOK' ? 'the endpoint' : '—'}</span>}
            {invocation.OwnerInformation && <div className="text-xs text-slate-500">{invocation.OwnerInformation}</div>}
          </td>
          <td className={tableStyles.td}><WindowStatusBadge status={invocation.Status} /></td>
          <td className={`${tableStyles.td} text-xs text-slate-600`}>{invocation.StatusDetails || '—'}</td>
          <td className={tableStyles.td}><ExecutionLink task={task} invocation={invocation} /></td>
          <td className={`${tableStyles.td} max-w-md`}>
            {invocation.Output ? <pre className="max-h-32 overflow-auto whitespace-pre-wrap rounded bg-slate-900 px-2 py-1 font-mono text-xs text-slate-100">{invocation.Output}</pre> : <span className="text-slate-400">—</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function TaskSection({ task }: { task: TaskExecution }) {
  const when = task.StartTime ? `started ${dateTime(task.StartTime)}${task.EndTime ? `, ended ${dateTime(task.EndTime)}` : ''}` : 'not started';
  return (
    <Section
      title={`Priority ${task.Priority} · ${task.TaskName ?? task.TaskArn}`}
      description={<>{`${TYPE_LABELS[task.TaskType] ?? task.TaskType} · ${task.TaskArn} · ${when}`}{task.StatusDetails && <span className="block text-slate-700">{task.StatusDetails}</span>}</>}
      actions={
        <div className="flex items-center gap-3">
          {task.CommandId && <Link href={`/run-command/${task.CommandId}`} className={`${linkClass} text-sm`}>Open command</Link>}
          <Badge>{`concurrency ${task.MaxConcurrency} · errors ${task.MaxErrors}`}</Badge>
          <WindowStatusBadge status={task.Status} />
        </div>
      }
    >
      <InvocationsTable task={task} />
    </Section>
  );
}

/** One window execution: its tasks in the order they ran, each with its invocations and their output. */
export function ExecutionDetail({ windowId, executionId }: { windowId: string; executionId: string }) {
  const { data, error, isPending } = useQuery(executionQuery(executionId));
  if (!data) {
    const isMissing = error instanceof ApiError && error.status === 404;
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="window execution" name={executionId} listHref={windowHref(windowId)} listName="the window" />;
  }
  const { execution } = data;
  return (
    <div className="space-y-5">
      <DetailHeader
        backHref={windowHref(windowId)}
        backLabel={data.windowName}
        title={<>{`Execution for ${dateTime(execution.ScheduledTime)}`} <WindowStatusBadge status={execution.Status} /></>}
        summary={<><span className="font-mono">{execution.WindowExecutionId}</span>{` · cutoff ${dateTime(execution.CutoffTime)}`}</>}
      />
      <p className="rounded border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="execution-details">{execution.StatusDetails || 'Pending'}</p>
      {data.tasks.length === 0 ? <Muted>No tasks ran in this execution.</Muted> : data.tasks.map((task) => <TaskSection key={task.TaskExecutionId} task={task} />)}
    </div>
  );
}
