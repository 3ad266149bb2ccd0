'use client';

import { useState } from 'react';
import { TaskForm } from './task-form';
import { useDeregisterTask, type WindowWithParts } from './queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Badge, Muted, Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

type Task = WindowWithParts['tasks'][number];
type Target = WindowWithParts['targets'][number];

const TYPE_LABELS: Record<string, string> = { RUN_COMMAND: 'Run Command', AUTOMATION: 'Automation', WEBHOOK: 'Webhook' };

function targetNames(task: Task, targets: Target[]): string {
  const names = task.Targets.flatMap((entry) =>
    entry.Key === 'WindowTargetIds' ? entry.Values.map((id) => targets.find((target) => target.WindowTargetId === id)?.Name ?? id.slice(0, 8)) : entry.Values,
  );
  return names.length ? names.join(', ') : 'No targets';
}

/** A task's parameters in a line: the commands of a shell task, else name = values. */
function parametersText(task: Task): string {
  const invocation = task.TaskInvocationParameters as { RunCommand?: { Parameters?: Record<string, string[]> }; Automation?: { Parameters?: Record<string, string[]> }; Webhook?: { Payload?: string } };
  const parameters = invocation.RunCommand?.Parameters ?? invocation.Automation?.Parameters;
  if (parameters) return Object.entries(parameters).map(([name, values]) => (name === 'commands' ? values.join('; ') : `${name} = ${values.join(', ')}`)).join(' · ');
  return invocation.Webhook?.Payload ?? '';
}

/** The window's tasks in the order they run, and registering or removing one. */
export function TasksSection({ windowId, tasks, targets, canRegister }: { windowId: string; tasks: Task[]; targets: Target[]; canRegister: boolean }) {
  const [isAdding, setIsAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const removal = useConfirmMutation(useDeregisterTask(windowId), (task: Task) => task.WindowTaskId);

  return (
    <Section
      title="Tasks"
      description="Lowest priority first; tasks of equal priority run together, and the next priority starts when they have all ended. None starts after the cutoff."
      actions={canRegister && !isAdding && <button type="button" className={buttonStyles.secondary} onClick={() => { setSecret(null); setIsAdding(true); }}>Register task</button>}
    >
      {isAdding && <TaskForm windowId={windowId} targets={targets} onDone={(generated) => { setIsAdding(false); setSecret(generated ?? null); }} onCancel={() => setIsAdding(false)} />}
      {secret && (
        <div role="status" className="border-b border-amber-200 bg-amber-50 px-5 py-3 text-sm text-amber-900">
          The webhook&apos;s signing secret, shown this once: <code className="select-all rounded bg-white px-1 font-mono">{secret}</code>
        </div>
      )}
      {tasks.length === 0 ? (
        <Muted>No tasks yet. A window with no tasks opens and closes with nothing to do.</Muted>
      ) : (
        <DataTable label="Tasks" columns={['Priority', 'Task', 'Runs', 'Targets', 'Rate']} hasActions={canRegister}>
          {tasks.map((task) => (
            <tr key={task.WindowTaskId}>
              <td className={`${tableStyles.td} tabular-nums`}>{task.Priority}</td>
              <td className={tableStyles.td}>
                <div className="flex items-center gap-2 font-medium">{task.Name ?? task.TaskArn} <span className="whitespace-nowrap"><Badge tone="sky">{TYPE_LABELS[task.Type] ?? task.Type}</Badge></span></div>
                <div className="font-mono text-xs text-slate-500">{task.WindowTaskId}</div>
              </td>
              <td className={`${tableStyles.td} max-w-sm`}>
                <div className="font-mono text-xs [overflow-wrap:anywhere]">{task.TaskArn}</div>
                <div className="truncate text-xs text-slate-500" title={parametersText(task)}>{parametersText(task)}</div>
              </td>
              <td className={`${tableStyles.td} text-slate-600`}>{targetNames(task, targets)}</td>
              <td className={`${tableStyles.td} whitespace-nowrap text-xs text-slate-600`}>
                {`concurrency ${task.MaxConcurrency ?? '50'}, errors ${task.MaxErrors ?? '0'}`}
                {task.CutoffBehavior === 'CANCEL_TASK' && <div>cancelled at the cutoff</div>}
                <div title="Tasks run with the permissions of the user who registered them">{`runs as ${task.RunAs}`}</div>
              </td>
              {canRegister && (
                <td className={`${tableStyles.td} text-right`}>
                  <button type="button" className={buttonStyles.danger} onClick={() => removal.ask(task)} aria-label={`Deregister task ${task.Name ?? task.TaskArn}`}>Deregister</button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {removal.target && (
        <ConfirmDialog title="Deregister this task?" confirmLabel="Deregister" {...removal.dialogProps}>
          <p>{`${removal.target.Name ?? removal.target.TaskArn} no longer runs in this window. Runs already recorded stay in the history.`}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
