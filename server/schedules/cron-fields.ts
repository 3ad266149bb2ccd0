import { ScheduleExpressionError } from './errors';

/**
 * The six fields of an AWS cron expression, as EventBridge and Systems Manager define them:
 * `cron(minutes hours day-of-month month day-of-week year)`, with day-of-week 1-7 where 1 is
 * Sunday, and `?` in exactly one of day-of-month and day-of-week.
 *
 * We check the grammar here rather than leave it to the matching library, because AWS is
 * stricter than any cron library (which wildcards each field takes, `#` alone in its field, no
 * `*` in both day fields) and because our messages must say which field is wrong and why.
 */

export const CRON_FIELD_NAMES = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;
export type CronFieldName = (typeof CRON_FIELD_NAMES)[number];

/** One comma-separated part of a field. */
export type CronItem =
  | { type: 'every' }
  | { type: 'value'; value: number }
  | { type: 'range'; from: number; to: number }
  /** An increment such as `0/15` or `8-17/2` (or a star, then /5): `base` says how the start (and end) were written. */
  | { type: 'step'; from: number; to: number; step: number; base: 'every' | 'value' | 'range' };

export type CronField =
  /** `?`: no constraint, the other day field decides. */
  | { type: 'any' }
  | { type: 'list'; items: CronItem[] }
  /** `L` in day-of-month. */
  | { type: 'last-day-of-month' }
  /** `LW` in day-of-month. */
  | { type: 'last-weekday-of-month' }
  /** `15W`: the weekday (Monday-Friday) nearest the 15th, within the month. */
  | { type: 'nearest-weekday'; day: number }
  /** `6L` in day-of-week: the last Friday of the month. */
  | { type: 'last-weekday-in-month'; weekday: number }
  /** `3#2`: the second Tuesday of the month. */
  | { type: 'nth-weekday'; weekday: number; nth: number };

export interface AwsCronFields {
  minutes: CronField;
  hours: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
  year: CronField;
}

interface FieldSpec {
  name: CronFieldName;
  min: number;
  max: number;
  /** Names for min, min+1, ... (month and day-of-week). */
  names?: readonly string[];
  /** The wildcards AWS lists for this field. */
  wildcards: string;
  /** How a single value of this field is described in messages. */
  valueNoun: string;
}

export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
/** AWS numbers the days of the week from 1 = Sunday (Quartz's convention, not Unix cron's 0 = Sunday). */
export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export const SATURDAY = 7;

export const FIELD_SPECS: Record<CronFieldName, FieldSpec> = {
  minutes: { name: 'minutes', min: 0, max: 59, wildcards: ', - * /', valueNoun: 'a minute from 0 to 59' },
  hours: { name: 'hours', min: 0, max: 23, wildcards: ', - * /', valueNoun: 'an hour from 0 to 23' },
  'day-of-month': { name: 'day-of-month', min: 1, max: 31, wildcards: ', - * ? / L W', valueNoun: 'a day of the month from 1 to 31' },
  month: { name: 'month', min: 1, max: 12, names: MONTH_NAMES, wildcards: ', - * /', valueNoun: 'a month (1-12 or JAN-DEC)' },
  'day-of-week': { name: 'day-of-week', min: 1, max: 7, names: WEEKDAY_NAMES, wildcards: ', - * ? L #', valueNoun: 'a day of the week (1-7 where 1 is Sunday, or SUN-SAT)' },
  year: { name: 'year', min: 1970, max: 2199, wildcards: ', - * /', valueNoun: 'a year from 1970 to 2199' },
};

export function parseAwsCronFields(body: string, expression: string): AwsCronFields {
  const texts = body.trim() === '' ? [] : body.trim().split(/\s+/);
  if (texts.length !== 6) {
    throw new ScheduleExpressionError(
      `${expression}: AWS cron expressions have 6 fields (minutes hours day-of-month month day-of-week year); this has ${texts.length}`,
    );
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = CRON_FIELD_NAMES.map((name, index) => parseField(FIELD_SPECS[name], texts[index] ?? '', expression));
  const fields: AwsCronFields = { minutes: minutes!, hours: hours!, dayOfMonth: dayOfMonth!, month: month!, dayOfWeek: dayOfWeek!, year: year! };
  // AWS: "If you specify a value or a * in one of the fields, you must use a ? in the other."
  const isDayOfMonthAny = fields.dayOfMonth.type === 'any';
  const isDayOfWeekAny = fields.dayOfWeek.type === 'any';
  if (!isDayOfMonthAny && !isDayOfWeekAny) {
    throw new ScheduleExpressionError(`${expression}: day-of-month and day-of-week cannot both be set: one of them must be ?`);
  }
  if (isDayOfMonthAny && isDayOfWeekAny) {
    throw new ScheduleExpressionError(`${expression}: day-of-month and day-of-week cannot both be ?: one of them must say which days (* for every day)`);
  }
  return fields;
}

function parseField(spec: FieldSpec, text: string, expression: string): CronField {
  const fail = (problem: string) => new ScheduleExpressionError(`${expression}: ${spec.name} '${text}': ${problem}`);
  for (const char of text) {
    if (/[0-9A-Za-z]/.test(char)) continue;
    if (!spec.wildcards.split(' ').includes(char)) {
      const where = char === '?' ? 'only day-of-month and day-of-week take ?' : `${spec.name} takes only the wildcards ${spec.wildcards}`;
      throw fail(`'${char}' is not allowed here: ${where}`);
    }
  }
  if (text.includes('?')) {
    if (text !== '?') throw fail('? stands alone in its field');
    return { type: 'any' };
  }
  if (spec.name === 'day-of-month' && /[LW]/i.test(text)) return parseDayOfMonthSpecial(text, fail);
  if (spec.name === 'day-of-week' && /[L#]/i.test(text)) return parseDayOfWeekSpecial(spec, text, fail);
  const items = text.split(',').map((itemText) => parseItem(spec, itemText, fail));
  return { type: 'list', items };
}

type Fail = (problem: string) => ScheduleExpressionError;

function parseDayOfMonthSpecial(text: string, fail: Fail): CronField {
  const upper = text.toUpperCase();
  if (upper === 'L') return { type: 'last-day-of-month' };
  if (upper === 'LW') return { type: 'last-weekday-of-month' };
  const nearest = /^(\d+)W$/.exec(upper);
  if (nearest) {
    const day = Number(nearest[1]);
    if (day < 1 || day > 31) throw fail(`${nearest[1]}W needs a day of the month from 1 to 31`);
    return { type: 'nearest-weekday', day };
  }
  throw fail('L and W stand alone in day-of-month: write L (last day), LW (last weekday) or one day with W, such as 15W');
}

function parseDayOfWeekSpecial(spec: FieldSpec, text: string, fail: Fail): CronField {
  const upper = text.toUpperCase();
  if (upper.includes('#')) {
    if (upper.includes(',')) throw fail(`with # the field holds one expression only ('3#1,6#3' is two)`);
    const nth = /^([0-9A-Z]+)#(\d+)$/.exec(upper);
    if (!nth) throw fail('# takes a day of the week before it and its occurrence in the month after it, such as 3#2 (the second Tuesday)');
    const weekday = parseValue(spec, nth[1]!, fail);
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) throw fail(`the occurrence after # is 1 to 5; ${nth[2]} is not`);
    return { type: 'nth-weekday', weekday, nth: occurrence };
  }
  // AWS: "L in day-of-week is the last day of the week" (Saturday, as weeks start on Sunday).
  if (upper === 'L') return { type: 'list', items: [{ type: 'value', value: SATURDAY }] };
  const last = /^([0-9A-Z]+)L$/.exec(upper);
  if (last && !upper.includes(',') && !upper.includes('-')) return { type: 'last-weekday-in-month', weekday: parseValue(spec, last[1]!, fail) };
  throw fail('L stands alone in day-of-week (Saturday) or after one day, such as 6L (the last Friday of the month)');
}

function parseItem(spec: FieldSpec, text: string, fail: Fail): CronItem {
  if (text === '') throw fail('a value is missing between commas');
  if (text === '*') return { type: 'every' };
  const slash = text.split('/');
  if (slash.length > 2) throw fail(`'${text}' has more than one /`);
  if (slash.length === 2) {
    const [baseText, stepText] = slash as [string, string];
    const size = spec.max - spec.min + 1;
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > size) {
      throw fail(`the increment after / must be a whole number from 1 to ${size}; '${stepText}' is not`);
    }
    const step = Number(stepText);
    if (baseText === '*') return { type: 'step', from: spec.min, to: spec.max, step, base: 'every' };
    if (baseText.includes('-')) {
      const range = parseRange(spec, baseText, fail);
      return { type: 'step', from: range.from, to: range.to, step, base: 'range' };
    }
    // AWS: "1/10 in minutes is every tenth minute starting from the first minute of the hour".
    return { type: 'step', from: parseValue(spec, baseText, fail), to: spec.max, step, base: 'value' };
  }
  if (text.includes('-')) return parseRange(spec, text, fail);
  return { type: 'value', value: parseValue(spec, text, fail) };
}

function parseRange(spec: FieldSpec, text: string, fail: Fail): { type: 'range'; from: number; to: number } {
  const parts = text.split('-');
  if (parts.length !== 2) throw fail(`'${text}' is not a range such as ${spec.names ? `${spec.names[1]}-${spec.names[5]}` : `${spec.min}-${spec.min + 5}`}`);
  const from = parseValue(spec, parts[0]!, fail);
  const to = parseValue(spec, parts[1]!, fail);
  // Quartz lets some ranges wrap (FRI-MON); AWS documents none, so we refuse rather than guess.
  if (from > to) throw fail(`the range ${text} runs backwards; ranges cannot wrap around, list both parts instead`);
  return { type: 'range', from, to };
}

function parseValue(spec: FieldSpec, token: string, fail: Fail): number {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < spec.min || value > spec.max) throw fail(`${token} is not ${spec.valueNoun}`);
    return value;
  }
  const index = spec.names?.indexOf(token.toUpperCase() as never) ?? -1;
  if (index < 0) throw fail(`'${token}' is not ${spec.valueNoun}`);
  return spec.min + index;
}

/** The values a plain list field stands for (undefined for `?`, L, W and #). */
export function expandField(field: CronField, name: CronFieldName): number[] | undefined {
  if (field.type !== 'list') return undefined;
  const { min, max } = FIELD_SPECS[name];
  const values = new Set<number>();
  for (const item of field.items) {
    if (item.type === 'every') for (let value = min; value <= max; value++) values.add(value);
    else if (item.type === 'value') values.add(item.value);
    else if (item.type === 'range') for (let value = item.from; value <= item.to; value++) values.add(value);
    else for (let value = item.from; value <= item.to; value += item.step) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

function renderItem(item: CronItem): string {
  if (item.type === 'every') return '*';
  if (item.type === 'value') return String(item.value);
  if (item.type === 'range') return `${item.from}-${item.to}`;
  // Always an explicit range: croner reads a bare `0/15` only in its "sloppy" mode.
  return `${item.from}-${item.to}/${item.step}`;
}

function renderField(field: CronField): string {
  switch (field.type) {
    case 'any':
      // croner gives `?` a meaning of its own (the current time's value); AWS's `?` is "any".
      return '*';
    case 'list':
      return field.items.map(renderItem).join(',');
    case 'last-day-of-month':
      return 'L';
    case 'last-weekday-of-month':
      return 'LW';
    case 'nearest-weekday':
      return `${field.day}W`;
    case 'last-weekday-in-month':
      return `${field.weekday}#L`;
    case 'nth-weekday':
      return `${field.weekday}#${field.nth}`;
  }
}

/**
 * The same schedule in croner's seven-field syntax (seconds first, year last). Numbers stay
 * AWS's: croner runs with `alternativeWeekdays` (1 = Sunday) and `domAndDow` (with `?` turned
 * into `*`, AND of the day fields is what AWS's one-of-them-is-? rule means).
 */
export function toCronerPattern(fields: AwsCronFields): string {
  return ['0', fields.minutes, fields.hours, fields.dayOfMonth, fields.month, fields.dayOfWeek, fields.year]
    .map((field) => (typeof field === 'string' ? field : renderField(field)))
    .join(' ');
}

/** Midnight of every day the expression runs on: for questions about days, not times. */
export function toCronerDayPattern(fields: AwsCronFields): string {
  return toCronerPattern({ ...fields, minutes: { type: 'list', items: [{ type: 'value', value: 0 }] }, hours: { type: 'list', items: [{ type: 'value', value: 0 }] } });
}
