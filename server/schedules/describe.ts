import { Cron } from 'croner';
import { expandField, FIELD_SPECS, toCronerDayPattern, type AwsCronFields, type CronField, type CronFieldName, type CronItem } from './cron-fields';
import type { CronSchedule, Schedule } from './expressions';
import { formatWall } from './wall-clock';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/**
 * A short English description for the console: "at 02:00 on Sunday, Europe/Berlin",
 * "every 30 minutes", "once at 2026-12-01 02:00 UTC". Unusual field combinations fall back to
 * AWS's own notation for that field rather than to a wrong sentence.
 */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === 'rate') return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
  if (schedule.kind === 'at') return `once at ${formatWall(Date.parse(`${schedule.localTime}Z`))} ${schedule.timezone}`;
  return describeCron(schedule);
}

function describeCron(schedule: CronSchedule): string {
  const { fields } = schedule;
  const time = timePhrase(fields);
  let day = dayPhrase(fields);
  if (day === '' && time.startsWith('at ')) day = 'every day';
  const parts = [time, day, monthPhrase(fields.month), yearPhrase(fields.year)].filter((part) => part !== '');
  const offset = schedule.scheduleOffsetDays ? `, ${plural(schedule.scheduleOffsetDays, 'day')} later` : '';
  return `${parts.join(' ')}${offset}, ${schedule.timezone}`;
}

const pad = (value: number) => String(value).padStart(2, '0');
const clock = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;
const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The field as AWS writes it (values as numbers), for descriptions that fall back to it. */
function notation(field: CronField): string {
  if (field.type !== 'list') return '';
  return field.items
    .map((item) => {
      if (item.type === 'every') return '*';
      if (item.type === 'value') return String(item.value);
      if (item.type === 'range') return `${item.from}-${item.to}`;
      if (item.base === 'every') return `*/${item.step}`;
      return item.base === 'value' ? `${item.from}/${item.step}` : `${item.from}-${item.to}/${item.step}`;
    })
    .join(',');
}

const soleItem = (field: CronField): CronItem | undefined => (field.type === 'list' && field.items.length === 1 ? field.items[0] : undefined);
const isEvery = (field: CronField) => soleItem(field)?.type === 'every';
const isValuesOnly = (field: CronField) => field.type === 'list' && field.items.every((item) => item.type === 'value');

function timePhrase(fields: AwsCronFields): string {
  const minutes = expandField(fields.minutes, 'minutes') ?? [];
  const hours = expandField(fields.hours, 'hours') ?? [];
  const minuteItem = soleItem(fields.minutes);
  const hourItem = soleItem(fields.hours);
  // A few exact times: "at 08:00, 12:00 and 17:00".
  if (isValuesOnly(fields.minutes) && isValuesOnly(fields.hours) && minutes.length * hours.length <= 6) {
    return `at ${joinWords(hours.flatMap((hour) => minutes.map((minute) => clock(hour, minute))))}`;
  }
  // Where in the day it runs, when that is "every hour" or one stretch of hours.
  const first = clock(hours[0]!, minutes[0]!);
  const last = clock(hours.at(-1)!, minutes.at(-1)!);
  const hourSpan = isEvery(fields.hours) ? '' : hourItem?.type === 'range' || hours.length === 1 ? ` from ${first} through ${last}` : undefined;
  if (isEvery(fields.minutes) && hourSpan !== undefined) return `every minute${hourSpan}`;
  if (minuteItem?.type === 'step' && minuteItem.base !== 'range' && minuteItem.from < minuteItem.step && hourSpan !== undefined) {
    const start = minuteItem.from === 0 || hourSpan !== '' ? '' : ` from :${pad(minuteItem.from)}`;
    // Only steps that divide the hour keep the same gap across the top of the hour.
    const withinHour = 60 % minuteItem.step === 0 ? '' : ' within each hour';
    return `every ${plural(minuteItem.step, 'minute')}${start}${withinHour}${hourSpan}`;
  }
  if (isValuesOnly(fields.minutes) && minutes.length <= 4) {
    const marks = joinWords(minutes.map((minute) => `:${pad(minute)}`));
    if (hourSpan !== undefined) return `every hour at ${marks}${hourSpan}`;
    if (hourItem?.type === 'step' && hourItem.base !== 'range' && hourItem.from < hourItem.step && 24 % hourItem.step === 0) {
      return `every ${plural(hourItem.step, 'hour')} at ${marks}${hourItem.from === 0 ? '' : ` from ${clock(hourItem.from, minutes[0]!)}`}`;
    }
  }
  return `at minutes ${notation(fields.minutes)} of hours ${notation(fields.hours)}`;
}

function dayPhrase(fields: AwsCronFields): string {
  const { dayOfMonth, dayOfWeek } = fields;
  if (dayOfWeek.type === 'nth-weekday') return `on the ${ORDINALS[dayOfWeek.nth - 1]} ${WEEKDAYS[dayOfWeek.weekday - 1]} of the month`;
  if (dayOfWeek.type === 'last-weekday-in-month') return `on the last ${WEEKDAYS[dayOfWeek.weekday - 1]} of the month`;
  if (dayOfWeek.type === 'list') return isEvery(dayOfWeek) ? '' : `on ${listPhrase(dayOfWeek.items, (value) => WEEKDAYS[value - 1]!, 'day-of-week')}`;
  switch (dayOfMonth.type) {
    case 'last-day-of-month':
      return 'on the last day of the month';
    case 'last-weekday-of-month':
      return 'on the last weekday of the month';
    case 'nearest-weekday':
      return `on the weekday nearest day ${dayOfMonth.day} of the month`;
    case 'list': {
      if (isEvery(dayOfMonth)) return '';
      const item = soleItem(dayOfMonth);
      if (item?.type === 'step') return `every ${plural(item.step, 'day')} from day ${item.from} of the month`;
      const isOneDay = item?.type === 'value';
      return `on ${isOneDay ? 'day' : 'days'} ${listPhrase(dayOfMonth.items, String, 'day-of-month')} of the month`;
    }
    default:
      return '';
  }
}

function monthPhrase(field: CronField): string {
  if (isEvery(field) || field.type !== 'list') return '';
  const item = soleItem(field);
  if (item?.type === 'step' && item.base !== 'range') return `every ${plural(item.step, 'month')} from ${MONTHS[item.from - 1]}`;
  return `in ${listPhrase(field.items, (value) => MONTHS[value - 1]!, 'month')}`;
}

function yearPhrase(field: CronField): string {
  if (isEvery(field) || field.type !== 'list') return '';
  return `in ${listPhrase(field.items, String, 'year')}`;
}

/** "Monday through Friday and Sunday"; steps are spelled out as the values they stand for. */
function listPhrase(items: CronItem[], name: (value: number) => string, fieldName: CronFieldName): string {
  const words = items.flatMap((item) => {
    if (item.type === 'value') return [name(item.value)];
    if (item.type === 'range') return [`${name(item.from)} through ${name(item.to)}`];
    return (expandField({ type: 'list', items: [item] }, fieldName) ?? []).map(name);
  });
  return joinWords(words);
}

/**
 * Why a schedule runs too often for a feature with a minimum interval (State Manager's is 30
 * minutes in AWS; our tests use rate(1 minute), so the caller decides), or undefined. For cron
 * the interval is measured in wall-clock time, the way the expression reads: the hour lost or
 * repeated at a DST change does not make an expression "too frequent".
 */
export function minimumIntervalIssue(schedule: Schedule, minimumMinutes: number): string | undefined {
  if (schedule.kind === 'at') return undefined;
  if (schedule.kind === 'rate') {
    if (schedule.periodMinutes >= minimumMinutes) return undefined;
    return `${schedule.expression} runs ${describeSchedule(schedule)}; the minimum interval is ${plural(minimumMinutes, 'minute')}`;
  }
  const gap = shortestCronGapMinutes(schedule.fields, minimumMinutes);
  if (gap >= minimumMinutes) return undefined;
  return `${schedule.expression} can run ${plural(gap, 'minute')} apart; the minimum interval is ${plural(minimumMinutes, 'minute')}`;
}

const DAY_MINUTES = 24 * 60;

function shortestCronGapMinutes(fields: AwsCronFields, minimumMinutes: number): number {
  const minutes = expandField(fields.minutes, 'minutes') ?? [];
  const hours = expandField(fields.hours, 'hours') ?? [];
  const times = hours.flatMap((hour) => minutes.map((minute) => hour * 60 + minute));
  let gap = Infinity;
  for (let index = 1; index < times.length; index++) gap = Math.min(gap, times[index]! - times[index - 1]!);
  // The last run of one day and the first of the next count only if two days in a row match.
  const acrossMidnight = DAY_MINUTES - times.at(-1)! + times[0]!;
  if (acrossMidnight < Math.min(gap, minimumMinutes) && hasConsecutiveDays(fields)) gap = acrossMidnight;
  return gap;
}

function hasConsecutiveDays(fields: AwsCronFields): boolean {
  const days = new Cron(toCronerDayPattern(fields), { utcOffset: 0, mode: '7-part', alternativeWeekdays: true, domAndDow: true });
  // Over a few years every pattern AWS's grammar allows shows whether it has adjacent days.
  let previous = days.nextRun(new Date(Date.UTC(FIELD_SPECS.year.min, 0, 1) - 1));
  for (let count = 0; previous && count < 1500; count++) {
    const next = days.nextRun(previous);
    if (!next) return false;
    if (next.getTime() - previous.getTime() === DAY_MINUTES * 60_000) return true;
    previous = next;
  }
  return false;
}
