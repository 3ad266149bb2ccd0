'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ExecutionsSection } from './executions-section';
import { TargetsSection } from './targets-section';
import { TasksSection } from './tasks-section';
import { WindowForm } from './window-form';
import { inZone } from './format';
import { useDeleteWindow, windowQuery, type WindowWithParts } from './queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Badge, Section } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { ApiError } from '@/components/lib/api-client';
import { dateTime, timeAgo } from '@/components/lib/format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

function Overview({ detail }: { detail: WindowWithParts }) {
  const { window } = detail;
  return (
    <div className="grid gap-5 lg:grid-cols-3">
      <Section title="Schedule">
        <dl className="space-y-3 px-5 py-4">
          <Fact label="Opens">{detail.scheduleDescription}<div className="font-mono text-xs text-slate-500">{window.Schedule}</div></Fact>
          <Fact label="Open for">{`${window.Duration} h; ${window.Cutoff > 0 ? `tasks start in the first ${window.Duration - window.Cutoff} h` : 'tasks may start until it closes'}`}</Fact>
          {(window.StartDate || window.EndDate) && <Fact label="Active">{`${window.StartDate ? `from ${dateTime(window.StartDate)}` : ''} ${window.EndDate ? `until ${dateTime(window.EndDate)}` : ''}`}</Fact>}
          {window.CalendarNames.length > 0 && <Fact label="Only while OPEN">{window.CalendarNames.join(', ')}</Fact>}
        </dl>
      </Section>
      <Section title="Next occurrences" description={window.ScheduleTimezone ? `In ${window.ScheduleTimezone}` : 'In UTC'}>
        {detail.nextRuns.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">{window.Enabled ? 'None: the schedule has no more occurrences.' : 'None while the window is disabled.'}</p>
        ) : (
          <ol aria-label="Next occurrences" className="space-y-1 px-5 py-4 text-sm tabular-nums">
            {detail.nextRuns.map((run) => (
              <li key={run.at}>{inZone(run.at, window.ScheduleTimezone)} <span className="text-xs text-slate-500">{`(${timeAgo(run.at)})`}</span></li>
            ))}
          </ol>
        )}
      </Section>
      <Section title="Use from the AWS CLI">
        <div className="space-y-2 px-5 py-4 text-sm">
          <code className="block rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 [overflow-wrap:anywhere]">{`aws ssm describe-maintenance-window-executions --window-id ${window.WindowId}`}</code>
          <p className="text-xs text-slate-500">{`Created ${dateTime(window.CreatedDate)}, changed ${dateTime(window.ModifiedDate)}`}</p>
        </div>
      </Section>
    </div>
  );
}

/** A window: what it is, its targets and tasks (with register forms), and its history. */
export function WindowDetail({ windowId }: { windowId: string }) {
  const router = useRouter();
  const { data: detail, error, isPending } = useQuery(windowQuery(windowId));
  const [isEditing, setIsEditing] = useState(false);
  const deletion = useConfirmMutation(useDeleteWindow(), (id: string) => id, () => router.push('/maintenance-windows'));

  if (!detail) {
    const isMissing = error instanceof ApiError && error.status === 404;
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="maintenance window" name={windowId} listHref="/maintenance-windows" listName="maintenance windows" />;
  }
  const { window, permissions } = detail;

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/maintenance-windows"
        backLabel="Maintenance windows"
        title={<>{window.Name} {window.Enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>}</>}
        summary={<><span className="font-mono">{window.WindowId}</span>{window.Description ? ` · ${window.Description}` : ''}</>}
        actions={
          <div className="flex gap-2">
            {permissions.canUpdate && !isEditing && <button type="button" className={buttonStyles.secondary} onClick={() => setIsEditing(true)}>Edit</button>}
            {permissions.canDelete && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(window.WindowId)}>Delete window</button>}
          </div>
        }
      />
      {isEditing ? (
        <Section title="Edit window" description="Saving queues the window's next occurrence again from the new schedule.">
          <WindowForm window={window} onDone={() => setIsEditing(false)} onCancel={() => setIsEditing(false)} />
        </Section>
      ) : (
        <Overview detail={detail} />
      )}
      <TargetsSection windowId={window.WindowId} targets={detail.targets} canRegister={permissions.canRegisterTargets} />
      <TasksSection windowId={window.WindowId} tasks={detail.tasks} targets={detail.targets} canRegister={permissions.canRegisterTasks} />
      <ExecutionsSection windowId={window.WindowId} />
      {deletion.target && (
        <ConfirmDialog title={`Delete maintenance window ${window.Name}?`} confirmLabel="Delete window" confirmText={window.Name} {...deletion.dialogProps}>
          <p>The window, its targets, its tasks and its history go. Commands and automations it already started run on, and stay in Run Command and Automation.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
