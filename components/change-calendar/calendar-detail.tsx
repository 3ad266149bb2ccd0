'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { calendarQuery, useDeleteCalendar } from './queries';
import { EventDialog } from './event-dialog';
import { EventsTable } from './events-table';
import { ImportDialog } from './import-dialog';
import { MonthView } from './month-view';
import { monthText, parseMonth } from './month-layout';
import { StateBanner } from './state-banner';
import { DefaultStateBadge } from './state-badge';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { linkClass } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { ApiError } from '@/components/lib/api-client';
import { dateTime } from '@/components/lib/format';

/**
 * A calendar: its state now (live), a month of its events (the month lives in the URL), the
 * events as written, and adding, deleting and importing them.
 */
export function CalendarDetail({ name }: { name: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data: calendar, error, isPending } = useQuery(calendarQuery(name));
  const [dialog, setDialog] = useState<'event' | 'import' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const deletion = useConfirmMutation(useDeleteCalendar(), (target: string) => target, () => router.push('/change-calendar'));

  if (!calendar) {
    const isMissing = error instanceof ApiError && error.code === 'InvalidDocument';
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="calendar" name={name} listHref="/change-calendar" listName="calendars" />;
  }
  const { year, month } = parseMonth(searchParams.get('month'), new Date());
  const showMonth = (next: { year: number; month: number }) => router.replace(`${pathname}?${new URLSearchParams({ month: monthText(next.year, next.month) })}`, { scroll: false });
  const { canEdit, canDelete } = calendar.permissions;

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/change-calendar"
        backLabel="Change Calendar"
        title={<>{calendar.name} <DefaultStateBadge calendarType={calendar.calendarType} /></>}
        summary={
          <>
            {calendar.description || 'No description'} · version {calendar.defaultVersion} · created {dateTime(calendar.createdAt)} ·{' '}
            <Link href={`/documents/${encodeURIComponent(calendar.name)}`} className={linkClass}>iCalendar document</Link>
          </>
        }
        actions={
          <div className="flex shrink-0 gap-2 whitespace-nowrap">
            {canEdit && <button type="button" className={buttonStyles.primary} onClick={() => setDialog('event')}>Add event</button>}
            {canEdit && <button type="button" className={buttonStyles.secondary} onClick={() => setDialog('import')}>Import .ics</button>}
            {canDelete && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(calendar.name)}>Delete</button>}
          </div>
        }
      />
      <StateBanner calendar={calendar} />
      {notice && (
        <p role="status" className="flex items-center justify-between rounded border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          {notice}
          <button type="button" className="text-sky-700 hover:underline" onClick={() => setNotice(null)}>Dismiss</button>
        </p>
      )}
      <MonthView calendar={calendar} year={year} month={month} onMonth={showMonth} />
      <EventsTable calendar={calendar} />
      {dialog === 'event' && <EventDialog calendar={calendar} onClose={() => setDialog(null)} />}
      {dialog === 'import' && (
        <ImportDialog
          calendar={calendar}
          onClose={() => setDialog(null)}
          onImported={(message) => {
            setNotice(message);
            setDialog(null);
          }}
        />
      )}
      {deletion.target && (
        <ConfirmDialog title={`Delete ${calendar.name}?`} confirmLabel="Delete calendar" confirmText={calendar.name} {...deletion.dialogProps}>
          <p>The calendar document and all its versions are deleted. Maintenance windows, associations and runbooks that name it will count it as CLOSED and skip their work until it is recreated or they name another calendar.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
