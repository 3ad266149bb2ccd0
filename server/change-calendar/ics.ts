/**
 * A ChangeCalendar document read into events: what the state, the month view and the editor need.
 * Checks come first, each at its line; ical.js (Mozilla's iCalendar library, the one Thunderbird
 * uses) then parses the checked text and owns recurrence: RRULE, RDATE, EXDATE, RECURRENCE-ID
 * overrides and VTIMEZONE rules are all its work, none of it hand-rolled here.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { buildTree, firstProperty, issueAt, scanContentLines, type ComponentNode, type ContentLine, type Issue } from './lines';
import { calendarZoneOf, isKnownTimeZone, registerTimeZone } from './time-zones';

// The calendar-level texts exporters and AWS write (X-WR-CALDESC is where AWS keeps a calendar's
// description) are TEXT values: declared so, ical.js unescapes them on reading and escapes commas,
// semicolons and newlines on writing, so a description cannot add lines to a calendar.
for (const name of ['x-wr-caldesc', 'x-wr-calname', 'x-wr-timezone', 'x-calendar-type']) {
  (ICAL.design.icalendar.property as Record<string, unknown>)[name] ??= { defaultType: 'text' };
}

export const CALENDAR_TYPES = ['DEFAULT_OPEN', 'DEFAULT_CLOSED'] as const;
export type CalendarType = (typeof CALENDAR_TYPES)[number];

export interface CalendarEvent {
  /** The UID; `line-<n>` for an event without one (hand-written calendars). */
  id: string;
  summary: string;
  description?: string;
  /** Where the VEVENT begins in the document. */
  line: number;
  isAllDay: boolean;
  isRecurring: boolean;
  /** The RRULE as written, e.g. FREQ=WEEKLY;BYDAY=FR. */
  recurrence?: string;
  /** The TZID of DTSTART; 'UTC' for a UTC time; undefined for all-day and floating times. */
  timeZone?: string;
  /** The first occurrence. */
  start: Date;
  end: Date;
  /** ical.js's event, with its RECURRENCE-ID overrides related, for expansion. */
  event: ICAL.Event;
}

export interface ParsedCalendar {
  /** Undefined when the document has no X-CALENDAR-TYPE (its state cannot be told). */
  calendarType?: CalendarType;
  description?: string;
  /** X-WR-TIMEZONE as written, when present. */
  declaredTimeZone?: string;
  /** The IANA zone all-day and floating times are in: X-WR-TIMEZONE, or UTC. */
  timeZone: string;
  events: CalendarEvent[];
  component: ICAL.Component;
}

export type CalendarParse = { ok: true; calendar: ParsedCalendar } | { ok: false; issues: Issue[] };

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
const DURATION = /^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/;
const DATE_PROPERTIES = ['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE', 'RDATE'];
const FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAY = /^[+-]?(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a DATE or DATE-TIME value is wrong, or undefined; the value type comes from VALUE=. */
function dateProblem(value: string, isDate: boolean): string | undefined {
  const match = (isDate ? DATE : DATE_TIME).exec(value);
  if (!match) {
    if (!isDate && DATE.test(value)) return `${value} is a date: write it with VALUE=DATE (e.g. DTSTART;VALUE=DATE:${value}) or give a time (${value}T090000)`;
    return isDate ? `${value} is not a date like 20261224` : `${value} is not a date-time like 20261224T090000 (local) or 20261224T080000Z (UTC)`;
  }
  const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1).map(Number) as number[];
  if (month! < 1 || month! > 12) return `${value}: month ${month} does not exist`;
  if (day! < 1 || day! > daysInMonth(year!, month!)) return `${value}: ${year}-${String(month).padStart(2, '0')} has no day ${day}`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return `${value}: the time ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')} does not exist`;
  return undefined;
}

function checkDateProperty(property: ContentLine, timeZones: Set<string>, report: (message: string, column?: number) => void): void {
  const valueType = (property.params.VALUE ?? (property.name === 'RDATE' && property.value.includes('/') ? 'PERIOD' : 'DATE-TIME')).toUpperCase();
  if (!['DATE', 'DATE-TIME', 'PERIOD'].includes(valueType) || (valueType === 'PERIOD' && property.name !== 'RDATE')) {
    report(`${property.name}: VALUE=${valueType} is not a value type it takes (DATE or DATE-TIME${property.name === 'RDATE' ? ' or PERIOD' : ''})`);
    return;
  }
  const tzid = property.params.TZID;
  if (tzid !== undefined && !timeZones.has(tzid) && !isKnownTimeZone(tzid)) {
    report(`${property.name}: TZID=${tzid} is not defined by a VTIMEZONE in this calendar and is not an IANA time zone like Europe/Berlin`);
  }
  const values = property.name === 'EXDATE' || property.name === 'RDATE' ? property.value.split(',') : [property.value];
  for (const value of values) {
    const parts = valueType === 'PERIOD' ? value.split('/') : [value];
    const problem =
      valueType === 'PERIOD' && parts.length !== 2
        ? `${value} is not a period like 20261224T090000Z/PT2H`
        : (dateProblem(parts[0]!.trim(), valueType === 'DATE') ??
          (parts[1] === undefined ? undefined : DURATION.test(parts[1]) ? undefined : dateProblem(parts[1], false)));
    if (problem) {
      report(`${property.name}: ${problem}`, property.valueColumn);
      return;
    }
  }
}

function checkRecurrenceRule(property: ContentLine, reportIssue: (message: string, column?: number) => void): void {
  let reported = 0;
  const report = (message: string, column?: number) => {
    reported += 1;
    reportIssue(message, column);
  };
  const parts = new Map<string, string>();
  for (const part of property.value.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined) {
      report(`RRULE: "${part}" is not a rule part like FREQ=WEEKLY`, property.valueColumn);
      return;
    }
    parts.set(key.toUpperCase(), value);
  }
  const frequency = parts.get('FREQ')?.toUpperCase();
  if (!frequency) report('RRULE: FREQ is required, e.g. FREQ=WEEKLY', property.valueColumn);
  else if (frequency === 'SECONDLY' || frequency === 'MINUTELY') report(`RRULE: FREQ=${frequency} is not supported; Change Calendar events repeat at most hourly`, property.valueColumn);
  else if (!FREQUENCIES.includes(frequency)) report(`RRULE: FREQ=${frequency} is not a frequency; use ${FREQUENCIES.join(', ')}`, property.valueColumn);
  if (parts.has('UNTIL') && parts.has('COUNT')) report('RRULE: UNTIL and COUNT cannot both be given', property.valueColumn);
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const problem = dateProblem(until, DATE.test(until));
    if (problem) report(`RRULE: UNTIL ${problem}`, property.valueColumn);
  }
  for (const key of ['COUNT', 'INTERVAL']) {
    const value = parts.get(key);
    if (value !== undefined && (!/^\d+$/.test(value) || Number(value) < 1)) report(`RRULE: ${key}=${value} is not a whole number of 1 or more`, property.valueColumn);
  }
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    const bad = byDay.split(',').find((day) => !WEEKDAY.test(day.toUpperCase()));
    if (bad !== undefined) report(`RRULE: BYDAY ${bad} is not a weekday like MO, FR or -1SU`, property.valueColumn);
  }
  // ical.js has the last word on what it will expand, once the problems above are not in the way.
  if (reported === 0) {
    try {
      ICAL.Recur.fromString(property.value);
    } catch (error) {
      report(`RRULE: ${(error as Error).message}`, property.valueColumn);
    }
  }
}

function checkEvent(node: ComponentNode, timeZones: Set<string>, issues: Issue[]): void {
  const report = (property: ContentLine) => (message: string, column = 1) => issues.push(issueAt(property.line, message, column));
  const start = firstProperty(node, 'DTSTART');
  if (!start) issues.push(issueAt(node.line, 'a VEVENT needs a DTSTART: when the event begins'));
  const end = firstProperty(node, 'DTEND');
  const duration = firstProperty(node, 'DURATION');
  if (end && duration) issues.push(issueAt(duration.line, 'DURATION: an event has DTEND or DURATION, not both'));
  for (const property of node.properties) {
    if (DATE_PROPERTIES.includes(property.name)) checkDateProperty(property, timeZones, report(property));
    else if (property.name === 'RRULE') checkRecurrenceRule(property, report(property));
    else if (property.name === 'DURATION' && !DURATION.test(property.value.trim())) report(property)(`DURATION: ${property.value} is not a duration like PT2H, P1D or P1W`, property.valueColumn);
  }
  const isDate = (property: ContentLine | undefined) => (property?.params.VALUE ?? '').toUpperCase() === 'DATE';
  if (start && end && isDate(start) !== isDate(end)) issues.push(issueAt(end.line, 'DTEND: an all-day event (DTSTART;VALUE=DATE) ends on a date, and a timed event at a date-time'));
}

function checkTimeZone(node: ComponentNode, issues: Issue[]): string | undefined {
  const tzid = firstProperty(node, 'TZID');
  if (!tzid) issues.push(issueAt(node.line, 'a VTIMEZONE needs a TZID'));
  else if (!node.children.some((child) => child.name === 'STANDARD' || child.name === 'DAYLIGHT')) issues.push(issueAt(node.line, `the VTIMEZONE ${tzid.value} needs a STANDARD or DAYLIGHT part`));
  return tzid?.value;
}

/** Every problem of the text as iCalendar for a change calendar, each at its line. */
function checkCalendar(text: string): { issues: Issue[]; root?: ComponentNode } {
  const scanned = scanContentLines(text);
  if (scanned.issues.length > 0) return { issues: scanned.issues };
  const { root, issues } = buildTree(scanned.lines);
  if (!root || issues.length > 0) return { issues };
  const type = firstProperty(root, 'X-CALENDAR-TYPE');
  if (type && !(CALENDAR_TYPES as readonly string[]).includes(type.value.trim())) {
    issues.push(issueAt(type.line, `X-CALENDAR-TYPE: '${type.value}' is not a calendar type; use DEFAULT_OPEN (events close it) or DEFAULT_CLOSED (events open it)`, type.valueColumn));
  }
  const timeZones = new Set(root.children.filter((child) => child.name === 'VTIMEZONE').map((zone) => checkTimeZone(zone, issues)).filter((tzid): tzid is string => tzid !== undefined));
  for (const child of root.children) {
    if (child.name === 'VEVENT') checkEvent(child, timeZones, issues);
  }
  return { issues, root };
}

/** The instant of an ical.js time: floating and all-day times are read in the calendar's zone. */
export function instantOf(time: ICAL.Time, calendarZone: string): Date {
  if (time.zone && time.zone.tzid !== 'floating') return new Date(time.toUnixTime() * 1000);
  const local = DateTime.fromObject(
    { year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute, second: time.isDate ? 0 : time.second },
    { zone: calendarZone },
  );
  return local.toJSDate();
}

function textOf(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
}

function zoneName(time: ICAL.Time): string | undefined {
  const tzid = time.zone?.tzid;
  if (!tzid || tzid === 'floating' || time.isDate) return undefined;
  return tzid === 'Z' || tzid === 'GMT' ? 'UTC' : tzid;
}

/** The events: a master VEVENT per UID with its RECURRENCE-ID overrides related to it. */
function eventsOf(component: ICAL.Component, root: ComponentNode, calendarZone: string): CalendarEvent[] {
  const nodes = root.children.filter((child) => child.name === 'VEVENT');
  const vevents = component.getAllSubcomponents('vevent');
  const masters = new Map<string, { vevent: ICAL.Component; line: number }>();
  const overrides: { uid: string; vevent: ICAL.Component; line: number }[] = [];
  vevents.forEach((vevent, index) => {
    const line = nodes[index]?.line ?? 1;
    const uid = textOf(vevent, 'uid') ?? `line-${line}`;
    if (vevent.hasProperty('recurrence-id')) overrides.push({ uid, vevent, line });
    else if (!masters.has(uid)) masters.set(uid, { vevent, line });
    // A second master with a UID already seen is a duplicate (some exporters repeat events):
    // the first one counts.
  });
  const events = [...masters.entries()].map(([id, { vevent, line }]) => ({ id, line, event: new ICAL.Event(vevent, { strictExceptions: false }) }));
  for (const override of overrides) {
    const master = events.find((event) => event.id === override.uid);
    // An override without its series (a moved instance exported alone) is an event of its own.
    if (master) master.event.relateException(override.vevent);
    else events.push({ id: `${override.uid}@line-${override.line}`, line: override.line, event: new ICAL.Event(override.vevent) });
  }
  return events.map(({ id, line, event }) => {
    const rule = event.component.getFirstPropertyValue('rrule');
    return {
      id,
      summary: event.summary || '(untitled event)',
      description: event.description || undefined,
      line,
      isAllDay: event.startDate.isDate,
      isRecurring: event.isRecurring(),
      recurrence: rule instanceof ICAL.Recur ? rule.toString() : undefined,
      timeZone: zoneName(event.startDate),
      start: instantOf(event.startDate, calendarZone),
      end: instantOf(event.endDate, calendarZone),
      event,
    };
  });
}

/** TZIDs used without a VTIMEZONE of their own, registered so ical.js resolves them (time-zones.ts). */
function registerUsedTimeZones(root: ComponentNode): void {
  const defined = new Set(root.children.filter((child) => child.name === 'VTIMEZONE').map((zone) => firstProperty(zone, 'TZID')?.value));
  const visit = (node: ComponentNode) => {
    for (const property of node.properties) {
      const tzid = property.params.TZID;
      if (tzid !== undefined && !defined.has(tzid)) registerTimeZone(tzid);
    }
    node.children.forEach(visit);
  };
  visit(root);
}

/** Checks and reads a calendar's text. */
export function parseCalendar(text: string): CalendarParse {
  const checked = checkCalendar(text);
  if (checked.issues.length > 0 || !checked.root) return { ok: false, issues: checked.issues };
  const root = checked.root;
  registerUsedTimeZones(root);
  let component: ICAL.Component;
  try {
    component = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return { ok: false, issues: [issueAt(1, `not valid iCalendar: ${(error as Error).message}`)] };
  }
  const type = firstProperty(root, 'X-CALENDAR-TYPE')?.value.trim() as CalendarType | undefined;
  const declaredTimeZone = firstProperty(root, 'X-WR-TIMEZONE')?.value.trim();
  const timeZone = calendarZoneOf(declaredTimeZone);
  let events: CalendarEvent[];
  try {
    events = eventsOf(component, root, timeZone);
  } catch (error) {
    return { ok: false, issues: [issueAt(1, `the events could not be read: ${(error as Error).message}`)] };
  }
  const issues: Issue[] = [];
  for (const event of events) {
    if (event.end.getTime() < event.start.getTime()) issues.push(issueAt(event.line, `the event "${event.summary}" ends (${event.end.toISOString()}) before it starts (${event.start.toISOString()})`));
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    calendar: {
      calendarType: type,
      description: textOf(component, 'x-wr-caldesc') || undefined,
      declaredTimeZone,
      timeZone,
      events,
      component,
    },
  };
}
