'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { calendarHref, calendarListQuery } from './queries';
import { CalendarForm } from './calendar-form';
import { describeTransition } from './format';
import { DefaultStateBadge, StateBadge } from './state-badge';
import { usePermissions } from '@/components/shell/queries';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useCreateFlow } from '@/components/ui/use-create-flow';

/** Every calendar with its state now, kept live; and the form that creates one. */
export function CalendarsView() {
  const router = useRouter();
  const { can } = usePermissions();
  const { data, error, isPending } = useQuery(calendarListQuery());
  const creation = useCreateFlow<string>();
  const canCreate = can('editDocuments');

  return (
    <div className="space-y-4">
      {creation.isCreating && (
        <Section title="Create calendar" description="A calendar is a ChangeCalendar document: iCalendar text, versioned like any document.">
          <CalendarForm onDone={(name) => router.push(calendarHref(name))} onCancel={creation.cancel} />
        </Section>
      )}
      <Section
        title="Calendars"
        description="Maintenance windows, associations and runbooks that name a calendar do not run while it is CLOSED, and their history says why."
        actions={canCreate && !creation.isCreating && <button type="button" className={buttonStyles.primary} onClick={creation.open}>Create calendar</button>}
      >
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading calendars…</p>}
        {data && data.calendars.length === 0 && (
          <div className="p-5">
            <EmptyState title="No change calendars yet">
              A calendar open by default blocks changes during its events (holiday freezes, quarter-end close); one closed by default allows them only during its
              events (change windows). Add events by hand or import an .ics file from Google Calendar, Outlook or iCloud.
            </EmptyState>
          </div>
        )}
        {data && data.calendars.length > 0 && (
          <DataTable label="Calendars" columns={['Name', 'Type', 'State now', 'Next transition', 'Events']}>
            {data.calendars.map((calendar) => (
              <tr key={calendar.name} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium`}>
                  <Link href={calendarHref(calendar.name)} className={linkClass}>{calendar.name}</Link>
                  {calendar.description && <span className="block text-xs font-normal text-slate-500">{calendar.description}</span>}
                </td>
                <td className={`${tableStyles.td} whitespace-nowrap`}><DefaultStateBadge calendarType={calendar.calendarType} /></td>
                <td className={`${tableStyles.td} whitespace-nowrap`}>
                  {calendar.current ? <StateBadge state={calendar.current.state} /> : <span className="text-xs text-amber-800">{calendar.problem ?? 'Unknown'}</span>}
                  {calendar.current?.activeEvents[0] && <span className="block text-xs text-slate-500">{calendar.current.activeEvents.join(', ')}</span>}
                </td>
                <td className={`${tableStyles.td} text-slate-600`}>{calendar.current ? describeTransition(calendar.current.nextTransitionTime) : '—'}</td>
                <td className={`${tableStyles.td} tabular-nums text-slate-600`}>{calendar.eventCount}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </div>
  );
}
