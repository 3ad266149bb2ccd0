import { describeSchedule, parseSchedule } from '@/server/schedules/expressions';

/** How many upcoming runs the list (1) and the detail page (5) show. */
export const LIST_NEXT_RUNS = 1;
export const DETAIL_NEXT_RUNS = 5;

interface Scheduled {
  ScheduleExpression?: string;
  ScheduleOffset?: number;
  LastUpdateAssociationDate: Date;
}

/**
 * Opsdeck extras for the console: the schedule in words and its next runs. A rate counts from the
 * association's last change, as the State Manager engine schedules it (server/associations/engine.ts).
 */
export function withSchedule<T extends Scheduled>(association: T, count: number, now = new Date()) {
  if (!association.ScheduleExpression) return { ...association, ScheduleDescription: undefined, NextExecutionDates: [] as Date[] };
  try {
    const schedule = parseSchedule(association.ScheduleExpression, { scheduleOffsetDays: association.ScheduleOffset });
    return { ...association, ScheduleDescription: describeSchedule(schedule), NextExecutionDates: schedule.nextOccurrences(now, count, association.LastUpdateAssociationDate) };
  } catch {
    // Stored schedules were checked when saved; one the parser now refuses is shown as written.
    return { ...association, ScheduleDescription: association.ScheduleExpression, NextExecutionDates: [] as Date[] };
  }
}
