import { Cron } from 'croner';
import type { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseAwsCronFields, toCronerPattern, type AwsCronFields } from './cron-fields';
import { ScheduleExpressionError, isScheduleExpressionError } from './errors';
import { instantToWall, timeZone, WALL_DAY, wallSearchSlack, wallToInstant } from './wall-clock';

/**
 * AWS schedule expressions (State Manager associations, maintenance windows, Change Calendar
 * checks): `cron(...)`, `rate(...)` and `at(...)`, each read in an IANA time zone.
 *
 * Matching a cron expression's fields is croner's job: it is maintained, has no dependencies, and
 * supports everything AWS's cron has — `L`, `W`, `#`, a year field and Quartz's 1 = Sunday day
 * numbering (`alternativeWeekdays`) — so AWS's six fields translate with little change (see toCronerPattern: a seconds field in front, `?` as `*` with
 * AND of the two day fields, `6L` as `6#L`, `L` in day-of-week as Saturday, `0/15` as `0-59/15`).
 * We check AWS's grammar ourselves first (cron-fields.ts), since croner accepts more than AWS.
 *
 * Time zones and DST: croner runs in UTC over *wall-clock* times (see wall-clock.ts) and we turn
 * each wall time into an instant here, so that DST follows AWS's documented rule for
 * EventBridge Scheduler rather than Vixie cron's: a wall time that does not exist (the hour
 * skipped when clocks go forward) is skipped — a daily 02:30 in Europe/Berlin does not run on
 * the last Sunday of March — and a wall time that happens twice (clocks go back) runs once, at
 * its first occurrence, for every expression, including ones that run every few minutes. Rate
 * schedules are fixed durations of real time and ignore DST, as AWS's are.
 */

export { ScheduleExpressionError, isScheduleExpressionError } from './errors';
export type { AwsCronFields, CronField, CronItem } from './cron-fields';
export { describeSchedule, minimumIntervalIssue } from './describe';

export interface ScheduleOptions {
  /** IANA time zone the expression is read in; UTC when omitted. */
  timezone?: string;
  /** Maintenance windows' ScheduleOffset: run this many days (1-6) after each cron occurrence. */
  scheduleOffsetDays?: number;
}

interface ScheduleBase {
  readonly expression: string;
  readonly timezone: string;
  /** 0 unless a cron expression was given a ScheduleOffset. */
  readonly scheduleOffsetDays: number;
  /**
   * The first `count` occurrences strictly after `after`, as instants. `anchor` is for rate
   * schedules only: they run at anchor + k × period (k ≥ 0), the anchor being when the
   * association or window was created; without one they count from the Unix epoch. Cron and
   * at schedules ignore it.
   */
  nextOccurrences(after: Date, count: number, anchor?: Date): Date[];
  /** Occurrences from `from` (inclusive) to `to` (exclusive), at most `limit` (default 1000). */
  occurrencesBetween(from: Date, to: Date, limit?: number, anchor?: Date): Date[];
}

export interface CronSchedule extends ScheduleBase {
  readonly kind: 'cron';
  readonly fields: AwsCronFields;
}

export interface RateSchedule extends ScheduleBase {
  readonly kind: 'rate';
  readonly value: number;
  readonly unit: RateUnit;
  readonly periodMinutes: number;
}

export interface AtSchedule extends ScheduleBase {
  readonly kind: 'at';
  /** The local date and time as written, `yyyy-mm-ddThh:mm:ss`. */
  readonly localTime: string;
  /** That local time in the schedule's time zone. */
  readonly instant: Date;
}

export type Schedule = CronSchedule | RateSchedule | AtSchedule;
export type RateUnit = 'minute' | 'hour' | 'day';

const RATE_UNIT_MINUTES: Record<RateUnit, number> = { minute: 1, hour: 60, day: 24 * 60 };
const DEFAULT_LIMIT = 1000;
const MINUTE = 60_000;
/** AWS's cron years end at 2199. */
const LAST_WALL = Date.UTC(2200, 0, 1) - 1;

export function parseSchedule(expression: string, options: ScheduleOptions = {}): Schedule {
  const timezone = options.timezone ?? 'UTC';
  const zone = timeZone(timezone);
  if (expression.trim() === '') throw new ScheduleExpressionError('The schedule expression is empty: use cron(...), rate(...) or at(...)');
  if (expression !== expression.trim()) throw new ScheduleExpressionError(`'${expression}': remove the spaces around the expression`);
  const form = /^(cron|rate|at)\((.*)\)$/s.exec(expression);
  if (!form) {
    throw new ScheduleExpressionError(
      `'${expression}' is not a schedule expression: use cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)`,
    );
  }
  const kind = form[1] as Schedule['kind'];
  const body = form[2]!;
  const offsetDays = options.scheduleOffsetDays;
  if (offsetDays !== undefined) {
    if (kind !== 'cron') throw new ScheduleExpressionError(`${expression}: a schedule offset applies only to cron expressions`, 'scheduleOffsetDays');
    if (!Number.isInteger(offsetDays) || offsetDays < 1 || offsetDays > 6) {
      throw new ScheduleExpressionError(`${expression}: the schedule offset is a whole number of days from 1 to 6; ${offsetDays} is not`, 'scheduleOffsetDays');
    }
  }
  if (kind === 'cron') return cronSchedule(expression, parseAwsCronFields(body, expression), timezone, zone, offsetDays ?? 0);
  if (kind === 'rate') return rateSchedule(expression, body, timezone);
  return atSchedule(expression, body, timezone, zone);
}

/** Occurrences strictly after an instant, in order, for as long as the caller takes them. */
type OccurrenceGenerator = (after: number, anchor: number | undefined) => Generator<number, void>;

function withOccurrenceMethods(generate: OccurrenceGenerator) {
  return {
    nextOccurrences(after: Date, count: number, anchor?: Date): Date[] {
      checkDate(after, 'after');
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number, not ${count}`);
      const result: Date[] = [];
      if (count === 0) return result;
      for (const instant of generate(after.getTime(), anchorTime(anchor))) {
        result.push(new Date(instant));
        if (result.length >= count) break;
      }
      return result;
    },
    occurrencesBetween(from: Date, to: Date, limit = DEFAULT_LIMIT, anchor?: Date): Date[] {
      checkDate(from, 'from');
      checkDate(to, 'to');
      const result: Date[] = [];
      if (limit <= 0) return result;
      for (const instant of generate(from.getTime() - 1, anchorTime(anchor))) {
        if (instant >= to.getTime()) break;
        result.push(new Date(instant));
        if (result.length >= limit) break;
      }
      return result;
    },
  };
}

function checkDate(date: Date, name: string) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${name} must be a valid Date`);
}

function anchorTime(anchor: Date | undefined): number | undefined {
  if (anchor === undefined) return undefined;
  checkDate(anchor, 'anchor');
  return anchor.getTime();
}

function cronSchedule(expression: string, fields: AwsCronFields, timezone: string, zone: IANAZone, scheduleOffsetDays: number): CronSchedule {
  let cron: Cron;
  try {
    // utcOffset 0: croner walks wall-clock times; wallToInstant applies the zone (and DST) after.
    cron = new Cron(toCronerPattern(fields), { utcOffset: 0, mode: '7-part', alternativeWeekdays: true, domAndDow: true });
  } catch (error) {
    // Our grammar check should leave nothing for croner to refuse; say so if it ever does.
    throw new ScheduleExpressionError(`${expression}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const offset = scheduleOffsetDays * WALL_DAY;
  function* generate(after: number): Generator<number, void> {
    // Start early enough that a shifted, or repeated-hour, wall time naming a later instant is seen.
    let wall = instantToWall(after, zone) - wallSearchSlack(after, zone) - offset;
    for (;;) {
      const next = cron.nextRun(new Date(wall));
      if (!next || next.getTime() > LAST_WALL) return;
      wall = next.getTime();
      const instant = wallToInstant(wall + offset, zone);
      if (instant !== undefined && instant > after) yield instant;
    }
  }
  return { kind: 'cron', expression, timezone, scheduleOffsetDays, fields, ...withOccurrenceMethods(generate) };
}

function rateSchedule(expression: string, body: string, timezone: string): RateSchedule {
  const parts = /^(\S+)\s+(\S+)$/.exec(body.trim());
  if (!parts) throw new ScheduleExpressionError(`${expression}: write rate(value unit), such as rate(30 minutes)`);
  const [, valueText, unitText] = parts as unknown as [string, string, string];
  const value = Number(valueText);
  if (!/^\d+$/.test(valueText) || !Number.isSafeInteger(value) || value < 1) {
    throw new ScheduleExpressionError(`${expression}: the value must be a positive whole number`);
  }
  const singular = unitText.replace(/s$/, '') as RateUnit;
  if (!(singular in RATE_UNIT_MINUTES)) throw new ScheduleExpressionError(`${expression}: the unit must be minute(s), hour(s) or day(s)`);
  // AWS refuses rate(1 minutes) and rate(5 minute).
  if (value === 1 && unitText !== singular) throw new ScheduleExpressionError(`${expression}: use the singular '${singular}' for 1`);
  if (value !== 1 && unitText === singular) throw new ScheduleExpressionError(`${expression}: use the plural '${singular}s' for ${value}`);
  const periodMinutes = value * RATE_UNIT_MINUTES[singular];
  const period = periodMinutes * MINUTE;
  function* generate(after: number, anchor = 0): Generator<number, void> {
    let k = after < anchor ? 0 : Math.floor((after - anchor) / period) + 1;
    for (;;) yield anchor + k++ * period;
  }
  return { kind: 'rate', expression, timezone, scheduleOffsetDays: 0, value, unit: singular, periodMinutes, ...withOccurrenceMethods(generate) };
}

function atSchedule(expression: string, body: string, timezone: string, zone: IANAZone): AtSchedule {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!parts) throw new ScheduleExpressionError(`${expression}: write at(yyyy-mm-ddThh:mm:ss), such as at(2026-12-01T02:00:00), in the schedule's time zone`);
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) throw new ScheduleExpressionError(`${expression}: ${body.slice(11)} is not a time of day`);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new ScheduleExpressionError(`${expression}: ${body.slice(0, 10)} is not a date`);
  }
  const instant = wallToInstant(wall, zone);
  if (instant === undefined) {
    throw new ScheduleExpressionError(`${expression}: ${body.replace('T', ' ')} does not exist in ${timezone}: the clocks skip it for daylight saving time`);
  }
  function* generate(after: number): Generator<number, void> {
    if (instant! > after) yield instant!;
  }
  return { kind: 'at', expression, timezone, scheduleOffsetDays: 0, localTime: body, instant: new Date(instant), ...withOccurrenceMethods(generate) };
}

/** A schedule expression for API inputs: refused with parseSchedule's message. */
export const scheduleExpressionSchema = z.string().superRefine((expression, context) => {
  const issue = scheduleIssue(expression, {});
  if (issue) context.addIssue({ code: 'custom', message: issue.message });
});

/**
 * An expression with its time zone and offset, checked together (an offset only with cron, an
 * `at` time that exists in the zone). Field names are the ones our services use; API edges map
 * AWS's (ScheduleTimezone, ScheduleOffset) onto them.
 */
export const scheduleSettingsSchema = z
  .object({ expression: z.string(), timezone: z.string().optional(), scheduleOffsetDays: z.number().optional() })
  .superRefine((settings, context) => {
    const issue = scheduleIssue(settings.expression, { timezone: settings.timezone, scheduleOffsetDays: settings.scheduleOffsetDays });
    if (issue) context.addIssue({ code: 'custom', message: issue.message, path: [issue.part] });
  });

function scheduleIssue(expression: string, options: ScheduleOptions): ScheduleExpressionError | undefined {
  try {
    parseSchedule(expression, options);
    return undefined;
  } catch (error) {
    if (isScheduleExpressionError(error)) return error;
    throw error;
  }
}
