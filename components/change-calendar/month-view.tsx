'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { occurrencesQuery, type CalendarDetail, type Occurrence } from './queries';
import { dayIn, daysCovered, layoutWeeks, monthDays, parseMonth, shiftMonth, type Bar } from './month-layout';
import { buttonStyles, ErrorNotice } from '@/components/ui/notices';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LANES = 3;
const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const longDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthTitle = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Midnight starting a day in the viewer's zone. */
const localMidnight = (day: string) => new Date(`${day}T00:00:00`);

function barLabel(occurrence: Occurrence, isFirstPiece: boolean): string {
  return occurrence.isAllDay || !isFirstPiece ? occurrence.summary : `${timeOfDay.format(new Date(occurrence.start))} ${occurrence.summary}`;
}

function barTitle(occurrence: Occurrence, calendarZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', ...(occurrence.isAllDay ? { timeZone: calendarZone } : { timeStyle: 'short' }) });
  const end = occurrence.isAllDay ? new Date(new Date(occurrence.end).getTime() - 1) : new Date(occurrence.end);
  return `${occurrence.summary}: ${format.format(new Date(occurrence.start))} – ${format.format(end)}${occurrence.isRecurring ? ' (repeats)' : ''}`;
}

/**
 * A month of the calendar: six weeks of days, each occurrence a bar across its days (red where it
 * closes the calendar, green where it opens it), today marked. Timed events are shown in the
 * viewer's time zone.
 */
export function MonthView({ calendar, year, month, onMonth }: { calendar: CalendarDetail; year: number; month: number; onMonth: (next: { year: number; month: number }) => void }) {
  const today = dayIn(new Date());
  const weeks = useMemo(() => monthDays(year, month, today), [year, month, today]);
  const from = new Date(localMidnight(weeks[0]![0]!.date).getTime() - 86_400_000).toISOString();
  const to = new Date(localMidnight(weeks[5]![6]!.date).getTime() + 2 * 86_400_000).toISOString();
  const { data, error, isFetching } = useQuery(occurrencesQuery(calendar.name, from, to));
  const layout = useMemo(
    () => layoutWeeks(weeks, (data?.occurrences ?? []).map((occurrence) => ({ item: occurrence, ...daysCovered(new Date(occurrence.start), new Date(occurrence.end), occurrence.isAllDay, calendar.timeZone) })), LANES),
    [weeks, data, calendar.timeZone],
  );
  const closes = calendar.calendarType !== 'DEFAULT_CLOSED';
  const barTone = closes ? 'border-red-300 bg-red-100 text-red-900' : 'border-emerald-300 bg-emerald-100 text-emerald-900';
  const title = monthTitle.format(new Date(Date.UTC(year, month - 1, 1)));

  return (
    <section aria-label="Month view" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <div className="flex items-center gap-3">
          <h3 className="text-lg font-semibold" aria-live="polite">{title}</h3>
          {isFetching && <span className="text-xs text-slate-400">updating…</span>}
        </div>
        <div className="flex items-center gap-2">
          <button type="button" className={buttonStyles.secondary} aria-label="Previous month" onClick={() => onMonth(shiftMonth(year, month, -1))}>‹</button>
          <button type="button" className={buttonStyles.secondary} onClick={() => onMonth(parseMonth(null, new Date()))}>Today</button>
          <button type="button" className={buttonStyles.secondary} aria-label="Next month" onClick={() => onMonth(shiftMonth(year, month, 1))}>›</button>
        </div>
      </header>
      {error ? <div className="p-4"><ErrorNotice error={error} /></div> : null}
      <div className="grid grid-cols-7 border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
        {WEEKDAYS.map((day) => <div key={day} className="px-2 py-1.5">{day}</div>)}
      </div>
      <div role="grid" aria-label={title}>
        {layout.map((week) => (
          <div key={week.days[0]!.date} role="row" className="relative grid min-h-28 grid-cols-7 border-b border-slate-100 last:border-b-0">
            {week.days.map((day, index) => (
              <div
                key={day.date}
                role="gridcell"
                aria-label={longDay.format(new Date(`${day.date}T00:00:00Z`))}
                aria-current={day.isToday ? 'date' : undefined}
                className={`border-r border-slate-100 px-1.5 pb-1 pt-1 last:border-r-0 ${day.isInMonth ? '' : 'bg-slate-50/70 text-slate-400'} ${day.isToday ? 'bg-sky-50/60' : ''}`}
              >
                <span className={`inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs ${day.isToday ? 'bg-sky-600 font-semibold text-white' : 'text-slate-600'}`}>{day.dayOfMonth}</span>
                {week.hiddenCounts[index]! > 0 && <span className="absolute bottom-1 text-[11px] text-slate-500" style={{ left: `calc(${(index / 7) * 100}% + 0.4rem)` }}>{`+${week.hiddenCounts[index]} more`}</span>}
              </div>
            ))}
            {week.bars.map((bar) => <EventBar key={`${bar.item.eventId}-${bar.item.start}`} bar={bar} tone={barTone} calendarZone={calendar.timeZone} />)}
          </div>
        ))}
      </div>
      <p className="border-t border-slate-200 px-5 py-2 text-xs text-slate-500">
        <span className={`mr-1 inline-block h-2.5 w-2.5 rounded-sm border align-middle ${barTone}`} />
        {closes ? 'Events close this calendar.' : 'Events open this calendar.'} Times are in your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}); all-day events in the calendar&apos;s ({calendar.timeZone}).
      </p>
    </section>
  );
}

function EventBar({ bar, tone, calendarZone }: { bar: Bar<Occurrence>; tone: string; calendarZone: string }) {
  const occurrence = bar.item;
  return (
    <div
      title={barTitle(occurrence, calendarZone)}
      data-event={occurrence.summary}
      className={`absolute truncate border px-1.5 text-xs leading-5 ${tone} ${bar.continuesBefore ? 'rounded-l-none border-l-0' : 'rounded-l'} ${bar.continuesAfter ? 'rounded-r-none border-r-0' : 'rounded-r'}`}
      style={{ top: `${1.85 + bar.lane * 1.45}rem`, left: `calc(${(bar.column / 7) * 100}% + 2px)`, width: `calc(${(bar.span / 7) * 100}% - 4px)` }}
    >
      {barLabel(occurrence, !bar.continuesBefore)}
    </div>
  );
}
