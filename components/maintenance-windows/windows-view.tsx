'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { windowHref, windowListQuery } from './queries';
import { WindowStatusBadge } from './status-badge';
import { Badge, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';

/** Every window: its schedule in words, when it next opens, and how its last occurrence went. */
export function WindowsView() {
  const { data, error, isPending } = useQuery(windowListQuery());

  return (
    <Section
      title="Maintenance windows"
      description="Each window opens on its schedule and runs its tasks by priority until its cutoff."
      actions={data?.canCreate && <Link href="/maintenance-windows/new" className={buttonStyles.primary}>Create window</Link>}
    >
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading maintenance windows…</p>}
      {data && data.windows.length === 0 && (
        <div className="p-5">
          <EmptyState title="No maintenance windows yet">
            Create one to confine disruptive work — patching, restarts, backups — to safe hours, such as <code className="rounded bg-slate-100 px-1">cron(0 2 ? * SUN *)</code> for 02:00 every Sunday.
          </EmptyState>
        </div>
      )}
      {data && data.windows.length > 0 && (
        <DataTable label="Maintenance windows" columns={['Name', 'Schedule', 'Duration', 'Next run', 'State', 'Last execution']}>
          {data.windows.map((window) => (
            <tr key={window.WindowId} className="hover:bg-slate-50">
              <td className={`${tableStyles.td} font-medium`}>
                <Link href={windowHref(window.WindowId)} className={linkClass}>{window.Name}</Link>
                <div className="font-mono text-xs font-normal text-slate-500">{window.WindowId}</div>
              </td>
              <td className={tableStyles.td}>
                <div>{window.ScheduleDescription}</div>
                <div className="font-mono text-xs text-slate-500">{window.Schedule}</div>
              </td>
              <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{`${window.Duration} h, cutoff ${window.Cutoff} h`}</td>
              <td className={`${tableStyles.td} whitespace-nowrap`}>
                {window.NextRun ? <><div>{dateTime(window.NextRun)}</div><div className="text-xs text-slate-500">{timeAgo(window.NextRun)}</div></> : <span className="text-slate-400">—</span>}
              </td>
              <td className={tableStyles.td}>{window.Enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
              <td className={tableStyles.td}>
                {window.LastExecution ? (
                  <div title={window.LastExecution.StatusDetails}>
                    <WindowStatusBadge status={window.LastExecution.Status} />
                    <div className="mt-0.5 text-xs text-slate-500">{dateTime(window.LastExecution.ScheduledTime)}</div>
                  </div>
                ) : (
                  <span className="text-slate-400">Never run</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
