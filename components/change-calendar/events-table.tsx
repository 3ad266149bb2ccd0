'use client';

import type { ReactNode } from 'react';
import { useRemoveEvent, type CalendarDetail, type CalendarEvent } from './queries';
import { describeRecurrence, describeSpan } from './format';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

/** The events as written in the calendar (a series once, however often it repeats). */
export function EventsTable({ calendar, actions }: { calendar: CalendarDetail; actions?: ReactNode }) {
  const removal = useConfirmMutation(useRemoveEvent(calendar.name), (event: CalendarEvent) => event.id);
  const canEdit = calendar.permissions.canEdit;
  return (
    <Section title="Events" description={`${calendar.events.length} event${calendar.events.length === 1 ? '' : 's'}; a repeating event is listed once, with its first occurrence.`} actions={actions}>
      {calendar.events.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No events yet">
            {calendar.calendarType === 'DEFAULT_CLOSED' ? 'This calendar is CLOSED until an event opens it: add a change window.' : 'This calendar stays OPEN until an event closes it: add a freeze.'}
          </EmptyState>
        </div>
      ) : (
        <DataTable label="Events" columns={['Title', 'When', 'Repeats']} hasActions={canEdit}>
          {calendar.events.map((event) => (
            <tr key={event.id} className="hover:bg-slate-50">
              <td className={`${tableStyles.td} font-medium`}>
                {event.summary}
                {event.description && <span className="block text-xs font-normal text-slate-500">{event.description}</span>}
              </td>
              <td className={`${tableStyles.td} text-slate-600`}>{describeSpan(event.start, event.end, event.isAllDay, calendar.timeZone, event.timeZone)}</td>
              <td className={`${tableStyles.td} text-slate-600`}>{describeRecurrence(event.recurrence)}</td>
              {canEdit && (
                <td className={`${tableStyles.td} text-right`}>
                  <button type="button" className={buttonStyles.danger} aria-label={`Delete event ${event.summary}`} onClick={() => removal.ask(event)}>Delete</button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {removal.target && (
        <ConfirmDialog title={`Delete "${removal.target.summary}"?`} confirmLabel="Delete event" {...removal.dialogProps}>
          <p>{removal.target.recurrence ? 'Every occurrence of this repeating event is removed.' : 'The event is removed from the calendar.'} The calendar gets a new version; earlier versions keep the event.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
