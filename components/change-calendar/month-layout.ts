/**
 * The month view's geometry: six weeks of days starting on Monday, and each occurrence drawn as a
 * bar across the days it covers, one row of bars (a lane) per overlap, split where a week ends.
 * Days are calendar dates `2026-12-24`; timed events fall on the viewer's days, all-day events on
 * their own dates (the calendar's), so a holiday never spills into a fourth day for someone
 * elsewhere.
 */

export interface DayCell {
  /** `2026-12-24`. */
  date: string;
  dayOfMonth: number;
  isInMonth: boolean;
  isToday: boolean;
}

export interface BarInput<T> {
  item: T;
  /** First day covered, `2026-12-24`. */
  firstDay: string;
  /** Last day covered, inclusive. */
  lastDay: string;
}

export interface Bar<T> {
  item: T;
  /** 0 (Monday) to 6 (Sunday). */
  column: number;
  span: number;
  lane: number;
  /** The occurrence began in an earlier week, or goes on into a later one. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface WeekLayout<T> {
  days: DayCell[];
  bars: Bar<T>[];
  /** Per day of the week: occurrences on that day not drawn for want of lanes. */
  hiddenCounts: number[];
}

const DAY_MS = 86_400_000;

/** `2026-12-24` of a UTC-midnight date. */
function dayText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/** The six weeks shown for a month (1-12), Monday first. */
export function monthDays(year: number, month: number, today: string): DayCell[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7;
  const start = first.getTime() - offset * DAY_MS;
  return Array.from({ length: 6 }, (_, week) =>
    Array.from({ length: 7 }, (_, weekday) => {
      const date = new Date(start + (week * 7 + weekday) * DAY_MS);
      const text = dayText(date);
      return { date: text, dayOfMonth: date.getUTCDate(), isInMonth: date.getUTCMonth() === month - 1, isToday: text === today };
    }),
  );
}

/** Lays the bars out week by week, at most `maxLanes` rows of them. */
export function layoutWeeks<T>(weeks: DayCell[][], inputs: BarInput<T>[], maxLanes = 3): WeekLayout<T>[] {
  const sorted = [...inputs].sort((a, b) => a.firstDay.localeCompare(b.firstDay) || dayNumber(b.lastDay) - dayNumber(a.lastDay));
  return weeks.map((days) => {
    const weekStart = dayNumber(days[0]!.date);
    const weekEnd = weekStart + 6;
    const lanes: boolean[][] = [];
    const bars: Bar<T>[] = [];
    const hiddenCounts = Array.from({ length: 7 }, () => 0);
    for (const input of sorted) {
      const first = dayNumber(input.firstDay);
      const last = dayNumber(input.lastDay);
      if (last < weekStart || first > weekEnd) continue;
      const column = Math.max(first, weekStart) - weekStart;
      const endColumn = Math.min(last, weekEnd) - weekStart;
      const columns = Array.from({ length: endColumn - column + 1 }, (_, index) => column + index);
      let lane = lanes.findIndex((taken) => columns.every((day) => !taken[day]));
      if (lane === -1 && lanes.length < maxLanes) {
        lanes.push([]);
        lane = lanes.length - 1;
      }
      if (lane === -1) {
        for (const day of columns) hiddenCounts[day]! += 1;
        continue;
      }
      for (const day of columns) lanes[lane]![day] = true;
      bars.push({ item: input.item, column, span: columns.length, lane, continuesBefore: first < weekStart, continuesAfter: last > weekEnd });
    }
    return { days, bars, hiddenCounts };
  });
}

/** `2026-12-24` of an instant in a time zone (the viewer's when none is given). */
export function dayIn(instant: Date, timeZone?: string): string {
  // en-CA writes dates as yyyy-mm-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The days an occurrence covers: its end is exclusive, so an event ending at midnight does not
 * touch the next day; an all-day event's days are read in the calendar's zone.
 */
export function daysCovered(start: Date, end: Date, isAllDay: boolean, calendarZone: string, viewerZone?: string): { firstDay: string; lastDay: string } {
  const zone = isAllDay ? calendarZone : viewerZone;
  const lastInstant = new Date(Math.max(start.getTime(), end.getTime() - 1));
  return { firstDay: dayIn(start, zone), lastDay: dayIn(lastInstant, zone) };
}

/** `2026-12` ↔ year and month; the current month for anything unreadable. */
export function parseMonth(text: string | null, now: Date): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  const month = match ? Number(match[2]) : NaN;
  if (match && month >= 1 && month <= 12) return { year: Number(match[1]), month };
  const [year, current] = dayIn(now).split('-').map(Number) as [number, number];
  return { year, month: current };
}

export function monthText(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
