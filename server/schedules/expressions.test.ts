import { describe, expect, it } from 'vitest';
import { type AtSchedule, describeSchedule, minimumIntervalIssue, parseSchedule, ScheduleExpressionError, scheduleExpressionSchema, scheduleSettingsSchema } from './expressions';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString().replace(':00.000Z', 'Z'));
const at = (text: string) => new Date(text);
// 2026-01-01 is a Thursday.
const NEW_YEAR = at('2026-01-01T00:00:00Z');

function atSchedule(expression: string, timezone: string): AtSchedule {
  const schedule = parseSchedule(expression, { timezone });
  if (schedule.kind !== 'at') throw new Error(`${expression} parsed as ${schedule.kind}`);
  return schedule;
}

describe('AWS documented cron examples (UTC)', () => {
  // Each expected value worked out by hand from a calendar, not from the library.
  const table: Array<[expression: string, after: Date, expected: string[]]> = [
    ['cron(0 10 * * ? *)', NEW_YEAR, ['2026-01-01T10:00Z', '2026-01-02T10:00Z', '2026-01-03T10:00Z']],
    ['cron(15 12 * * ? *)', NEW_YEAR, ['2026-01-01T12:15Z', '2026-01-02T12:15Z', '2026-01-03T12:15Z']],
    // Thursday, Friday, then Monday: the weekend is skipped.
    ['cron(0 18 ? * MON-FRI *)', NEW_YEAR, ['2026-01-01T18:00Z', '2026-01-02T18:00Z', '2026-01-05T18:00Z']],
    ['cron(0 8 1 * ? *)', NEW_YEAR, ['2026-01-01T08:00Z', '2026-02-01T08:00Z', '2026-03-01T08:00Z']],
    // Strictly after: 00:00 itself is not returned.
    ['cron(0/15 * * * ? *)', NEW_YEAR, ['2026-01-01T00:15Z', '2026-01-01T00:30Z', '2026-01-01T00:45Z']],
    // Friday night, then Monday morning.
    ['cron(0/10 * ? * MON-FRI *)', at('2026-01-02T23:45:00Z'), ['2026-01-02T23:50Z', '2026-01-05T00:00Z', '2026-01-05T00:10Z']],
    ['cron(0/5 8-17 ? * MON-FRI *)', at('2026-01-02T17:50:00Z'), ['2026-01-02T17:55Z', '2026-01-05T08:00Z', '2026-01-05T08:05Z']],
    // First Monday: 1 February and 1 March 2026 are Sundays.
    ['cron(0 9 ? * 2#1 *)', NEW_YEAR, ['2026-01-05T09:00Z', '2026-02-02T09:00Z', '2026-03-02T09:00Z']],
    ['cron(0 2 ? * SUN *)', NEW_YEAR, ['2026-01-04T02:00Z', '2026-01-11T02:00Z', '2026-01-18T02:00Z']],
    ['cron(0 0 L * ? *)', NEW_YEAR, ['2026-01-31T00:00Z', '2026-02-28T00:00Z', '2026-03-31T00:00Z']],
    ['cron(0 0 L * ? *)', at('2028-01-31T00:00:00Z'), ['2028-02-29T00:00Z', '2028-03-31T00:00Z', '2028-04-30T00:00Z']],
    // Last Friday (6 = Friday, as 1 = Sunday).
    ['cron(0 0 ? * 6L *)', NEW_YEAR, ['2026-01-30T00:00Z', '2026-02-27T00:00Z', '2026-03-27T00:00Z']],
    // 15 Feb and 15 Mar 2026 are Sundays (→ Monday 16th); 15 Aug 2026 is a Saturday (→ Friday 14th).
    ['cron(0 0 15W * ? *)', NEW_YEAR, ['2026-01-15T00:00Z', '2026-02-16T00:00Z', '2026-03-16T00:00Z']],
    ['cron(0 0 15W * ? *)', at('2026-07-31T00:00:00Z'), ['2026-08-14T00:00Z', '2026-09-15T00:00Z', '2026-10-15T00:00Z']],
    // 31 Jan and 28 Feb 2026 are Saturdays.
    ['cron(0 0 LW * ? *)', NEW_YEAR, ['2026-01-30T00:00Z', '2026-02-27T00:00Z', '2026-03-31T00:00Z']],
    ['cron(0 23 ? * 1 2027)', NEW_YEAR, ['2027-01-03T23:00Z', '2027-01-10T23:00Z', '2027-01-17T23:00Z']],
    // 26 Dec 2027 is the last Sunday of 2027; the year field allows no later one.
    ['cron(0 23 ? * 1 2027)', at('2027-12-20T00:00:00Z'), ['2027-12-26T23:00Z']],
    // AWS's own # example: 3#2 is the second Tuesday.
    ['cron(0 0 ? * 3#2 *)', NEW_YEAR, ['2026-01-13T00:00Z', '2026-02-10T00:00Z', '2026-03-10T00:00Z']],
  ];

  it.each(table)('%s after %s', (expression, after, expected) => {
    expect(iso(parseSchedule(expression).nextOccurrences(after, 3))).toEqual(expected);
  });
});

describe('cron fields as AWS numbers and names them', () => {
  it('numbers days of the week from 1 = Sunday in values, ranges, lists and #', () => {
    expect(iso(parseSchedule('cron(0 0 ? * 2-6 *)').nextOccurrences(NEW_YEAR, 3))).toEqual(['2026-01-02T00:00Z', '2026-01-05T00:00Z', '2026-01-06T00:00Z']);
    expect(iso(parseSchedule('cron(0 0 ? * 1,7 *)').nextOccurrences(NEW_YEAR, 3))).toEqual(['2026-01-03T00:00Z', '2026-01-04T00:00Z', '2026-01-10T00:00Z']);
    expect(iso(parseSchedule('cron(0 0 ? * 7#1 *)').nextOccurrences(NEW_YEAR, 2))).toEqual(['2026-01-03T00:00Z', '2026-02-07T00:00Z']);
    expect(iso(parseSchedule('cron(0 0 ? * sat#1 *)').nextOccurrences(NEW_YEAR, 1))).toEqual(['2026-01-03T00:00Z']);
  });

  it('reads L alone in day-of-week as the last day of the week, Saturday', () => {
    expect(iso(parseSchedule('cron(0 0 ? * L *)').nextOccurrences(NEW_YEAR, 2))).toEqual(['2026-01-03T00:00Z', '2026-01-10T00:00Z']);
  });

  it('keeps W within the month: 1 August 2026 is a Saturday, so 1W is Monday the 3rd', () => {
    expect(iso(parseSchedule('cron(0 0 1W * ? *)').nextOccurrences(at('2026-07-31T00:00:00Z'), 1))).toEqual(['2026-08-03T00:00Z']);
  });

  it('takes month names and steps, and steps from a start value as AWS does (5/10 is 5, 15, 25...)', () => {
    expect(iso(parseSchedule('cron(0 0 1 JAN,jul ? *)').nextOccurrences(NEW_YEAR, 2))).toEqual(['2026-07-01T00:00Z', '2027-01-01T00:00Z']);
    expect(iso(parseSchedule('cron(0 0 1 2/5 ? *)').nextOccurrences(NEW_YEAR, 3))).toEqual(['2026-02-01T00:00Z', '2026-07-01T00:00Z', '2026-12-01T00:00Z']);
    expect(iso(parseSchedule('cron(5/10 9 * * ? *)').nextOccurrences(NEW_YEAR, 3))).toEqual(['2026-01-01T09:05Z', '2026-01-01T09:15Z', '2026-01-01T09:25Z']);
    expect(iso(parseSchedule('cron(0 0 1 1 ? 2026-2030/2)').nextOccurrences(NEW_YEAR, 5))).toEqual(['2028-01-01T00:00Z', '2030-01-01T00:00Z']);
  });

  it('returns nothing for a date that never comes, and stops at 2199', () => {
    expect(parseSchedule('cron(0 0 30 2 ? *)').nextOccurrences(NEW_YEAR, 3)).toEqual([]);
    expect(iso(parseSchedule('cron(0 0 1 1 ? *)').nextOccurrences(at('2198-06-01T00:00:00Z'), 5))).toEqual(['2199-01-01T00:00Z']);
  });
});

describe('rate expressions', () => {
  it('count from the anchor (when the association or window was created)', () => {
    const anchor = at('2026-01-01T00:07:00Z');
    expect(iso(parseSchedule('rate(30 minutes)').nextOccurrences(at('2026-01-01T01:00:00Z'), 3, anchor))).toEqual(['2026-01-01T01:07Z', '2026-01-01T01:37Z', '2026-01-01T02:07Z']);
    // Strictly after: asked at an occurrence, the next one comes.
    expect(iso(parseSchedule('rate(1 hour)').nextOccurrences(at('2026-01-01T01:07:00Z'), 2, anchor))).toEqual(['2026-01-01T02:07Z', '2026-01-01T03:07Z']);
  });

  it('include the anchor itself when asked from before it, and nothing before it', () => {
    const anchor = at('2026-01-01T09:00:00Z');
    expect(iso(parseSchedule('rate(7 days)').nextOccurrences(NEW_YEAR, 3, anchor))).toEqual(['2026-01-01T09:00Z', '2026-01-08T09:00Z', '2026-01-15T09:00Z']);
  });

  it('count from the Unix epoch without an anchor', () => {
    expect(iso(parseSchedule('rate(30 minutes)').nextOccurrences(at('2026-01-01T00:10:00Z'), 2))).toEqual(['2026-01-01T00:30Z', '2026-01-01T01:00Z']);
  });

  it('are real durations: a rate in days ignores DST in its time zone', () => {
    // Europe/Berlin moves its clocks forward on 29 March 2026; seven days are still 168 hours.
    const schedule = parseSchedule('rate(7 days)', { timezone: 'Europe/Berlin' });
    expect(iso(schedule.nextOccurrences(at('2026-03-25T09:00:00Z'), 1, at('2026-03-25T09:00:00Z')))).toEqual(['2026-04-01T09:00Z']);
  });

  it('list occurrences in a half-open interval, from the anchor', () => {
    const anchor = at('2026-01-01T00:00:00Z');
    expect(iso(parseSchedule('rate(1 hour)').occurrencesBetween(at('2026-01-01T01:00:00Z'), at('2026-01-01T04:00:00Z'), undefined, anchor))).toEqual([
      '2026-01-01T01:00Z',
      '2026-01-01T02:00Z',
      '2026-01-01T03:00Z',
    ]);
    expect(parseSchedule('rate(1 minute)').occurrencesBetween(NEW_YEAR, at('2026-01-02T00:00:00Z'), 10)).toHaveLength(10);
    expect(parseSchedule('rate(1 minute)').occurrencesBetween(NEW_YEAR, at('2026-01-02T00:00:00Z'))).toHaveLength(1000);
  });
});

describe('at expressions', () => {
  it('run once, at the local time in the schedule’s time zone', () => {
    const utc = parseSchedule('at(2026-12-01T02:00:00)');
    expect(iso(utc.nextOccurrences(NEW_YEAR, 3))).toEqual(['2026-12-01T02:00Z']);
    expect(utc.nextOccurrences(at('2026-12-01T02:00:00Z'), 3)).toEqual([]);
    const berlin = atSchedule('at(2026-12-01T02:00:00)', 'Europe/Berlin');
    expect(berlin.instant.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(iso(berlin.occurrencesBetween(at('2026-12-01T01:00:00Z'), at('2026-12-02T00:00:00Z')))).toEqual(['2026-12-01T01:00Z']);
  });

  it('take the first of a time that happens twice when the clocks go back', () => {
    // New York goes from 01:59 EDT back to 01:00 EST on 1 November 2026.
    expect(atSchedule('at(2026-11-01T01:30:00)', 'America/New_York').instant.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('DST: skipped wall times do not run, repeated ones run once (AWS EventBridge Scheduler’s rule)', () => {
  it('Europe/Berlin spring forward: a daily 02:30 does not run on 29 March 2026', () => {
    const schedule = parseSchedule('cron(30 2 * * ? *)', { timezone: 'Europe/Berlin' });
    expect(iso(schedule.nextOccurrences(at('2026-03-27T12:00:00Z'), 3))).toEqual(['2026-03-28T01:30Z', '2026-03-30T00:30Z', '2026-03-31T00:30Z']);
  });

  it('Europe/Berlin fall back: a daily 02:30 runs once on 25 October 2026, at the first 02:30 (CEST)', () => {
    const schedule = parseSchedule('cron(30 2 * * ? *)', { timezone: 'Europe/Berlin' });
    expect(iso(schedule.nextOccurrences(at('2026-10-24T12:00:00Z'), 2))).toEqual(['2026-10-25T00:30Z', '2026-10-26T01:30Z']);
  });

  it('Europe/Berlin fall back: every 30 minutes runs through the repeated hour once, not twice', () => {
    const schedule = parseSchedule('cron(0/30 * * * ? *)', { timezone: 'Europe/Berlin' });
    // 01:00 and 01:30 CEST, 02:00 and 02:30 CEST, (02:00 and 02:30 CET not again), 03:00 and 03:30 CET.
    expect(iso(schedule.occurrencesBetween(at('2026-10-24T23:00:00Z'), at('2026-10-25T03:00:00Z')))).toEqual([
      '2026-10-24T23:00Z',
      '2026-10-24T23:30Z',
      '2026-10-25T00:00Z',
      '2026-10-25T00:30Z',
      '2026-10-25T02:00Z',
      '2026-10-25T02:30Z',
    ]);
    // Asked during the second 02:xx, the first pass's times are not offered again.
    expect(iso(schedule.nextOccurrences(at('2026-10-25T01:10:00Z'), 1))).toEqual(['2026-10-25T02:00Z']);
  });

  it('Europe/Berlin spring forward: every 30 minutes has nothing between 02:00 and 03:00', () => {
    const schedule = parseSchedule('cron(0/30 * * * ? *)', { timezone: 'Europe/Berlin' });
    expect(iso(schedule.occurrencesBetween(at('2026-03-29T00:00:00Z'), at('2026-03-29T02:00:00Z')))).toEqual([
      '2026-03-29T00:00Z',
      '2026-03-29T00:30Z',
      '2026-03-29T01:00Z',
      '2026-03-29T01:30Z',
    ]);
  });

  it('America/New_York spring forward: a daily 02:30 does not run on 8 March 2026', () => {
    const schedule = parseSchedule('cron(30 2 * * ? *)', { timezone: 'America/New_York' });
    expect(iso(schedule.nextOccurrences(at('2026-03-07T12:00:00Z'), 2))).toEqual(['2026-03-09T06:30Z', '2026-03-10T06:30Z']);
  });

  it('America/New_York fall back: a daily 01:30 runs once on 1 November 2026, at 01:30 EDT', () => {
    const schedule = parseSchedule('cron(30 1 * * ? *)', { timezone: 'America/New_York' });
    expect(iso(schedule.nextOccurrences(at('2026-10-31T12:00:00Z'), 2))).toEqual(['2026-11-01T05:30Z', '2026-11-02T06:30Z']);
    // Asked at 01:10 EST (the second 01:10), 01:30 has already run today.
    expect(iso(schedule.nextOccurrences(at('2026-11-01T06:10:00Z'), 1))).toEqual(['2026-11-02T06:30Z']);
  });

  it('America/New_York fall back: hourly runs 00:00 EDT, 01:00 EDT, then 02:00 EST', () => {
    const schedule = parseSchedule('cron(0 * * * ? *)', { timezone: 'America/New_York' });
    expect(iso(schedule.occurrencesBetween(at('2026-11-01T04:00:00Z'), at('2026-11-01T08:00:00Z')))).toEqual(['2026-11-01T04:00Z', '2026-11-01T05:00Z', '2026-11-01T07:00Z']);
  });

  it('refuses an at() time that the clocks skip', () => {
    expect(() => parseSchedule('at(2026-03-29T02:30:00)', { timezone: 'Europe/Berlin' })).toThrow(
      'at(2026-03-29T02:30:00): 2026-03-29 02:30:00 does not exist in Europe/Berlin: the clocks skip it for daylight saving time',
    );
  });
});

describe('ScheduleOffset', () => {
  it('runs 2 days after the second Thursday', () => {
    const schedule = parseSchedule('cron(0 2 ? * THU#2 *)', { scheduleOffsetDays: 2 });
    expect(schedule.scheduleOffsetDays).toBe(2);
    // Second Thursdays: 8 Jan, 12 Feb, 12 Mar 2026.
    expect(iso(schedule.nextOccurrences(NEW_YEAR, 3))).toEqual(['2026-01-10T02:00Z', '2026-02-14T02:00Z', '2026-03-14T02:00Z']);
    // Asked after the Thursday but before the shifted run, the shifted run still comes.
    expect(iso(schedule.nextOccurrences(at('2026-01-09T00:00:00Z'), 1))).toEqual(['2026-01-10T02:00Z']);
  });

  it('shifts in local days and keeps the local time across a DST change', () => {
    // Fourth Thursdays: 26 Feb (+3 = Sunday 1 March, CET, asked for before it), 26 March (+3 =
    // Sunday 29 March, the spring-forward day, where 02:30 does not exist: skipped), 23 April
    // (+3 = Sunday 26 April, CEST), 28 May (+3 = Sunday 31 May).
    const schedule = parseSchedule('cron(30 2 ? * THU#4 *)', { timezone: 'Europe/Berlin', scheduleOffsetDays: 3 });
    expect(iso(schedule.nextOccurrences(at('2026-03-01T00:00:00Z'), 3))).toEqual(['2026-03-01T01:30Z', '2026-04-26T00:30Z', '2026-05-31T00:30Z']);
    // 22:00 on that Sunday exists, and is already summer time (UTC+2).
    const evening = parseSchedule('cron(0 22 ? * THU#4 *)', { timezone: 'Europe/Berlin', scheduleOffsetDays: 3 });
    expect(iso(evening.nextOccurrences(at('2026-03-02T00:00:00Z'), 1))).toEqual(['2026-03-29T20:00Z']);
  });
});

describe('error messages', () => {
  const table: Array<[expression: string, options: Parameters<typeof parseSchedule>[1], message: string]> = [
    ['cron(0 2 ? * SUN)', {}, 'cron(0 2 ? * SUN): AWS cron expressions have 6 fields (minutes hours day-of-month month day-of-week year); this has 5'],
    ['cron(0 0 2 ? * SUN *)', {}, 'cron(0 0 2 ? * SUN *): AWS cron expressions have 6 fields (minutes hours day-of-month month day-of-week year); this has 7'],
    ['cron(0 2 1 * SUN *)', {}, 'cron(0 2 1 * SUN *): day-of-month and day-of-week cannot both be set: one of them must be ?'],
    ['cron(0 2 * * * *)', {}, 'cron(0 2 * * * *): day-of-month and day-of-week cannot both be set: one of them must be ?'],
    ['cron(0 2 ? * ? *)', {}, 'cron(0 2 ? * ? *): day-of-month and day-of-week cannot both be ?: one of them must say which days (* for every day)'],
    ['cron(0 2 ? * SUN *)', { timezone: 'Europe/Pariss' }, "'Europe/Pariss' is not an IANA time zone"],
    ['cron(0 2 ? * SUN *)', { timezone: '+02:00' }, "'+02:00' is not an IANA time zone"],
    ['cron(0 2 ? * SUN *)', { timezone: 'europe/berlin' }, "'europe/berlin' is not an IANA time zone: the name is 'Europe/Berlin'"],
    ['rate(0 minutes)', {}, 'rate(0 minutes): the value must be a positive whole number'],
    ['rate(-5 minutes)', {}, 'rate(-5 minutes): the value must be a positive whole number'],
    ['rate(1.5 hours)', {}, 'rate(1.5 hours): the value must be a positive whole number'],
    ['rate(1 minutes)', {}, "rate(1 minutes): use the singular 'minute' for 1"],
    ['rate(5 minute)', {}, "rate(5 minute): use the plural 'minutes' for 5"],
    ['rate(2 weeks)', {}, 'rate(2 weeks): the unit must be minute(s), hour(s) or day(s)'],
    ['rate(5)', {}, 'rate(5): write rate(value unit), such as rate(30 minutes)'],
    ['cron(60 2 ? * SUN *)', {}, "cron(60 2 ? * SUN *): minutes '60': 60 is not a minute from 0 to 59"],
    ['cron(0 24 ? * SUN *)', {}, "cron(0 24 ? * SUN *): hours '24': 24 is not an hour from 0 to 23"],
    ['cron(0 2 32 * ? *)', {}, "cron(0 2 32 * ? *): day-of-month '32': 32 is not a day of the month from 1 to 31"],
    ['cron(0 2 1 13 ? *)', {}, "cron(0 2 1 13 ? *): month '13': 13 is not a month (1-12 or JAN-DEC)"],
    ['cron(0 2 ? * 0 *)', {}, "cron(0 2 ? * 0 *): day-of-week '0': 0 is not a day of the week (1-7 where 1 is Sunday, or SUN-SAT)"],
    ['cron(0 2 ? * SUNDAY *)', {}, "cron(0 2 ? * SUNDAY *): day-of-week 'SUNDAY': 'SUNDAY' is not a day of the week (1-7 where 1 is Sunday, or SUN-SAT)"],
    ['cron(0 2 ? * SUN 1969)', {}, "cron(0 2 ? * SUN 1969): year '1969': 1969 is not a year from 1970 to 2199"],
    ['cron(0 2 ? * SUN 2200)', {}, "cron(0 2 ? * SUN 2200): year '2200': 2200 is not a year from 1970 to 2199"],
    ['cron(0 2 ? * */2 *)', {}, "cron(0 2 ? * */2 *): day-of-week '*/2': '/' is not allowed here: day-of-week takes only the wildcards , - * ? L #"],
    ['cron(? 2 * * ? *)', {}, "cron(? 2 * * ? *): minutes '?': '?' is not allowed here: only day-of-month and day-of-week take ?"],
    ['cron(0 2 L-2 * ? *)', {}, "cron(0 2 L-2 * ? *): day-of-month 'L-2': L and W stand alone in day-of-month: write L (last day), LW (last weekday) or one day with W, such as 15W"],
    ['cron(0 2 1,15W * ? *)', {}, "cron(0 2 1,15W * ? *): day-of-month '1,15W': L and W stand alone in day-of-month: write L (last day), LW (last weekday) or one day with W, such as 15W"],
    ['cron(0 2 ? * 3#1,6#3 *)', {}, "cron(0 2 ? * 3#1,6#3 *): day-of-week '3#1,6#3': with # the field holds one expression only ('3#1,6#3' is two)"],
    ['cron(0 2 ? * 3#6 *)', {}, "cron(0 2 ? * 3#6 *): day-of-week '3#6': the occurrence after # is 1 to 5; 6 is not"],
    ['cron(0 2 ? * 2,6L *)', {}, "cron(0 2 ? * 2,6L *): day-of-week '2,6L': L stands alone in day-of-week (Saturday) or after one day, such as 6L (the last Friday of the month)"],
    ['cron(0 2 ? * FRI-MON *)', {}, "cron(0 2 ? * FRI-MON *): day-of-week 'FRI-MON': the range FRI-MON runs backwards; ranges cannot wrap around, list both parts instead"],
    ['cron(0/0 2 ? * SUN *)', {}, "cron(0/0 2 ? * SUN *): minutes '0/0': the increment after / must be a whole number from 1 to 60; '0' is not"],
    ['cron(0 2 ? JAN-FEB-MAR SUN *)', {}, "cron(0 2 ? JAN-FEB-MAR SUN *): month 'JAN-FEB-MAR': 'JAN-FEB-MAR' is not a range such as FEB-JUN"],
    ['cron(0 2 1,,2 * ? *)', {}, "cron(0 2 1,,2 * ? *): day-of-month '1,,2': a value is missing between commas"],
    ['cron(0 L ? * SUN *)', {}, "cron(0 L ? * SUN *): hours 'L': 'L' is not an hour from 0 to 23"],
    ['at(2026-02-30T02:00:00)', {}, 'at(2026-02-30T02:00:00): 2026-02-30 is not a date'],
    ['at(2026-12-01T24:00:00)', {}, 'at(2026-12-01T24:00:00): 24:00:00 is not a time of day'],
    ['at(2026-12-01 02:00:00)', {}, "at(2026-12-01 02:00:00): write at(yyyy-mm-ddThh:mm:ss), such as at(2026-12-01T02:00:00), in the schedule's time zone"],
    ['rate(30 minutes)', { scheduleOffsetDays: 2 }, 'rate(30 minutes): a schedule offset applies only to cron expressions'],
    ['cron(0 2 ? * SUN *)', { scheduleOffsetDays: 7 }, 'cron(0 2 ? * SUN *): the schedule offset is a whole number of days from 1 to 6; 7 is not'],
    ['cron(0 2 ? * SUN *)', { scheduleOffsetDays: 0 }, 'cron(0 2 ? * SUN *): the schedule offset is a whole number of days from 1 to 6; 0 is not'],
    ['cron(0 2 ? * SUN *)', { scheduleOffsetDays: 1.5 }, 'cron(0 2 ? * SUN *): the schedule offset is a whole number of days from 1 to 6; 1.5 is not'],
    ['cron 0 2 ? * SUN *', {}, "'cron 0 2 ? * SUN *' is not a schedule expression: use cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)"],
    ['Rate(1 hour)', {}, "'Rate(1 hour)' is not a schedule expression: use cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)"],
    [' rate(1 hour)', {}, "' rate(1 hour)': remove the spaces around the expression"],
    ['', {}, 'The schedule expression is empty: use cron(...), rate(...) or at(...)'],
  ];

  it.each(table)('%s %j', (expression, options, message) => {
    let thrown: unknown;
    try {
      parseSchedule(expression, options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScheduleExpressionError);
    expect((thrown as ScheduleExpressionError).message).toBe(message);
    // The API edge passes it on as AWS's error code.
    expect((thrown as ScheduleExpressionError).code).toBe('ValidationException');
  });

  it('says which input is wrong', () => {
    const partOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as ScheduleExpressionError).part;
      }
    };
    expect(partOf(() => parseSchedule('cron(0 2 ? * SUN *)', { timezone: 'Mars/Olympus' }))).toBe('timezone');
    expect(partOf(() => parseSchedule('cron(0 2 ? * SUN *)', { scheduleOffsetDays: 9 }))).toBe('scheduleOffsetDays');
    expect(partOf(() => parseSchedule('cron(0 2 ? * SUN)'))).toBe('expression');
  });
});

describe('describeSchedule', () => {
  it.each([
    ['cron(0 2 ? * SUN *)', { timezone: 'Europe/Berlin' }, 'at 02:00 on Sunday, Europe/Berlin'],
    ['rate(30 minutes)', {}, 'every 30 minutes'],
    ['rate(1 hour)', {}, 'every hour'],
    ['rate(7 days)', {}, 'every 7 days'],
    ['at(2026-12-01T02:00:00)', {}, 'once at 2026-12-01 02:00 UTC'],
    ['at(2026-12-01T02:00:30)', { timezone: 'Asia/Tokyo' }, 'once at 2026-12-01 02:00:30 Asia/Tokyo'],
    ['cron(0 10 * * ? *)', {}, 'at 10:00 every day, UTC'],
    ['cron(0 18 ? * MON-FRI *)', {}, 'at 18:00 on Monday through Friday, UTC'],
    ['cron(0 8 1 * ? *)', {}, 'at 08:00 on day 1 of the month, UTC'],
    ['cron(0/15 * * * ? *)', {}, 'every 15 minutes, UTC'],
    ['cron(0/10 * ? * MON-FRI *)', {}, 'every 10 minutes on Monday through Friday, UTC'],
    ['cron(0/5 8-17 ? * MON-FRI *)', {}, 'every 5 minutes from 08:00 through 17:55 on Monday through Friday, UTC'],
    ['cron(0 9 ? * 2#1 *)', {}, 'at 09:00 on the first Monday of the month, UTC'],
    ['cron(0 0 L * ? *)', {}, 'at 00:00 on the last day of the month, UTC'],
    ['cron(0 0 ? * 6L *)', {}, 'at 00:00 on the last Friday of the month, UTC'],
    ['cron(0 0 15W * ? *)', {}, 'at 00:00 on the weekday nearest day 15 of the month, UTC'],
    ['cron(0 0 LW * ? *)', {}, 'at 00:00 on the last weekday of the month, UTC'],
    ['cron(0 23 ? * 1 2027)', {}, 'at 23:00 on Sunday in 2027, UTC'],
    ['cron(0 2 ? * THU#2 *)', { scheduleOffsetDays: 2 }, 'at 02:00 on the second Thursday of the month, 2 days later, UTC'],
    ['cron(0,30 9 ? * SAT,SUN *)', {}, 'at 09:00 and 09:30 on Saturday and Sunday, UTC'],
    ['cron(0 0/6 * * ? *)', {}, 'every 6 hours at :00, UTC'],
    ['cron(30 9 1 JAN,JUL ? *)', {}, 'at 09:30 on day 1 of the month in January and July, UTC'],
    ['cron(7,19,31,43,55 1-3,5 * * ? *)', {}, 'at minutes 7,19,31,43,55 of hours 1-3,5 every day, UTC'],
  ] as const)('%s', (expression, options, description) => {
    expect(describeSchedule(parseSchedule(expression, options))).toBe(description);
  });
});

describe('minimumIntervalIssue', () => {
  it('lets the caller choose the minimum: rate(1 minute) passes at 1, not at 30', () => {
    const schedule = parseSchedule('rate(1 minute)');
    expect(minimumIntervalIssue(schedule, 1)).toBeUndefined();
    expect(minimumIntervalIssue(schedule, 30)).toBe('rate(1 minute) runs every minute; the minimum interval is 30 minutes');
  });

  it('measures cron by its closest two runs, across midnight only when two days in a row run', () => {
    expect(minimumIntervalIssue(parseSchedule('cron(0/15 * * * ? *)'), 30)).toBe('cron(0/15 * * * ? *) can run 15 minutes apart; the minimum interval is 30 minutes');
    expect(minimumIntervalIssue(parseSchedule('cron(0/30 * * * ? *)'), 30)).toBeUndefined();
    expect(minimumIntervalIssue(parseSchedule('cron(0 2 ? * SUN *)'), 30)).toBeUndefined();
    // 23:50 and 00:10 the next day are 20 minutes apart.
    expect(minimumIntervalIssue(parseSchedule('cron(10,50 0,23 * * ? *)'), 30)).toBe('cron(10,50 0,23 * * ? *) can run 20 minutes apart; the minimum interval is 30 minutes');
    // ...but not when the days never touch (Mondays only).
    expect(minimumIntervalIssue(parseSchedule('cron(50 23 ? * MON *)'), 30)).toBeUndefined();
    expect(minimumIntervalIssue(parseSchedule('cron(10,50 0,23 ? * MON *)'), 60)).toBe('cron(10,50 0,23 ? * MON *) can run 40 minutes apart; the minimum interval is 60 minutes');
  });

  it('has nothing to say about a one-off', () => {
    expect(minimumIntervalIssue(parseSchedule('at(2026-12-01T02:00:00)'), 30)).toBeUndefined();
  });
});

describe('zod schemas for the API edges', () => {
  it('scheduleExpressionSchema carries parseSchedule’s message', () => {
    expect(scheduleExpressionSchema.parse('rate(30 minutes)')).toBe('rate(30 minutes)');
    const result = scheduleExpressionSchema.safeParse('rate(1 minutes)');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("rate(1 minutes): use the singular 'minute' for 1");
  });

  it('scheduleSettingsSchema checks the expression with its time zone and offset, and points at the wrong one', () => {
    expect(scheduleSettingsSchema.safeParse({ expression: 'cron(0 2 ? * THU#2 *)', timezone: 'Europe/Berlin', scheduleOffsetDays: 2 }).success).toBe(true);
    const zone = scheduleSettingsSchema.safeParse({ expression: 'cron(0 2 ? * SUN *)', timezone: 'Europe/Pariss' });
    expect(zone.error?.issues[0]).toMatchObject({ path: ['timezone'], message: "'Europe/Pariss' is not an IANA time zone" });
    const offset = scheduleSettingsSchema.safeParse({ expression: 'rate(1 day)', scheduleOffsetDays: 2 });
    expect(offset.error?.issues[0]?.path).toEqual(['scheduleOffsetDays']);
    const gap = scheduleSettingsSchema.safeParse({ expression: 'at(2026-03-08T02:30:00)', timezone: 'America/New_York' });
    expect(gap.error?.issues[0]?.path).toEqual(['expression']);
  });
});
