/**
 * Changes to a calendar's iCalendar text: new calendars, their header, events added and removed,
 * and .ics files merged in. Every change goes through ical.js's component model and is written
 * back with its serialiser (escaping, line folding), then read again to prove the result valid.
 */
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { formatIssue } from '@/server/documents/content';
import { validationError } from '@/server/errors';
import { parseCalendar, type CalendarType, type ParsedCalendar } from './ics';
import { registerTimeZone, vtimezoneText } from './time-zones';

export const PRODID = '-//Opsdeck//Change Calendar 1.0//EN';
export const REPEATS = ['none', 'daily', 'weekly', 'monthly'] as const;
export type Repeat = (typeof REPEATS)[number];

export interface CalendarHeader {
  calendarType: CalendarType;
  description?: string;
  /** IANA zone for all-day events (X-WR-TIMEZONE); UTC when absent. */
  timeZone?: string;
}

export interface NewEvent {
  summary: string;
  description?: string;
  /** Local wall time `2026-12-24T18:00` in `timeZone`; a date `2026-12-24` for an all-day event. */
  start: string;
  /** Exclusive end, as `start`; for an all-day event the last day, inclusive (as people say it). */
  end: string;
  /** IANA zone of start and end, or UTC. Ignored for all-day events (they follow the calendar's zone). */
  timeZone: string;
  isAllDay?: boolean;
  repeat?: Repeat;
  /** Last day of the series, inclusive, as a local date `2027-06-30`. */
  repeatUntil?: string;
}

function serialise(component: ICAL.Component): string {
  return `${component.toString()}\r\n`;
}

/** Reads text the service is about to change; a stored calendar is valid, so this is a guard. */
function readForEdit(text: string, what = 'the calendar'): ParsedCalendar {
  const parsed = parseCalendar(text);
  if (!parsed.ok) throw validationError(`${what} is not valid iCalendar: ${parsed.issues.map(formatIssue).join('; ')}`);
  return parsed.calendar;
}

/** What is written is read back: a change that made an invalid calendar is refused, not stored. */
function checked(text: string): string {
  readForEdit(text, 'the changed calendar');
  return text;
}

function setText(component: ICAL.Component, name: string, value: string | undefined): void {
  component.removeAllProperties(name);
  if (value !== undefined && value !== '') component.addPropertyWithValue(name, value);
}

/** AWS's shape: PRODID, VERSION, X-CALENDAR-TYPE, X-WR-CALDESC; events follow as they are added. */
export function newCalendarText(header: CalendarHeader): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', PRODID);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('x-calendar-type', header.calendarType);
  setText(calendar, 'x-wr-caldesc', header.description);
  if (header.timeZone && header.timeZone !== 'UTC') setText(calendar, 'x-wr-timezone', header.timeZone);
  return checked(serialise(calendar));
}

/** Changes the default state, description or all-day time zone; events stay as they are. */
export function setCalendarHeader(text: string, header: Partial<CalendarHeader>): string {
  const { component } = readForEdit(text);
  if (header.calendarType) setText(component, 'x-calendar-type', header.calendarType);
  if (header.description !== undefined) setText(component, 'x-wr-caldesc', header.description);
  if (header.timeZone !== undefined) setText(component, 'x-wr-timezone', header.timeZone === 'UTC' ? undefined : header.timeZone);
  return checked(serialise(component));
}

/** Adds the VTIMEZONE of an IANA zone unless the calendar defines that TZID already. */
function ensureTimeZone(calendar: ICAL.Component, name: string): void {
  if (['UTC', 'Z', 'GMT'].includes(name)) return;
  const has = calendar.getAllSubcomponents('vtimezone').some((zone) => zone.getFirstPropertyValue('tzid') === name);
  if (has) return;
  const text = vtimezoneText(name);
  if (!text) throw validationError(`'${name}' is not an IANA time zone like Europe/Berlin`);
  // Appended: RFC 5545 sets no order among a calendar's components, and TZIDs are looked up by name.
  // Under the name the events use, even where the library knows the zone by another (an alias).
  const zone = ICAL.Component.fromString(text);
  zone.updatePropertyWithValue('tzid', name);
  calendar.addSubcomponent(zone);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

function wallTime(text: string, isDate: boolean, zone: ICAL.Timezone | undefined, field: string): ICAL.Time {
  const match = WALL.exec(text);
  if (!match || (isDate ? match[4] !== undefined : match[4] === undefined)) {
    throw validationError(`${field}: expected ${isDate ? 'a date like 2026-12-24' : 'a local date and time like 2026-12-24T18:00'}, not '${text}'`);
  }
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const probe = DateTime.fromObject({ year, month, day, hour: hour ?? 0, minute: minute ?? 0 }, { zone: 'UTC' });
  if (!probe.isValid) throw validationError(`${field}: ${text} is not a real ${isDate ? 'date' : 'date and time'}`);
  if (isDate) return ICAL.Time.fromData({ year: year!, month: month!, day: day!, isDate: true });
  return ICAL.Time.fromData({ year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: 0, isDate: false }, zone);
}

function recurrenceRule(repeat: Repeat, until: string | undefined, isAllDay: boolean, timeZone: string): ICAL.Recur | undefined {
  if (repeat === 'none') {
    if (until) throw validationError('repeatUntil: a one-off event does not repeat; choose daily, weekly or monthly, or leave the end of the series empty');
    return undefined;
  }
  const data: Record<string, unknown> = { freq: repeat.toUpperCase() };
  if (until) {
    const lastDay = wallTime(until, true, undefined, 'repeatUntil');
    // RFC 5545: UNTIL is a date for all-day series and a UTC time for series in a time zone.
    if (isAllDay) data.until = lastDay;
    else {
      const end = DateTime.fromObject({ year: lastDay.year, month: lastDay.month, day: lastDay.day, hour: 23, minute: 59, second: 59 }, { zone: timeZone }).toUTC();
      data.until = ICAL.Time.fromData({ year: end.year, month: end.month, day: end.day, hour: end.hour, minute: end.minute, second: end.second }, ICAL.Timezone.utcTimezone);
    }
  }
  return ICAL.Recur.fromData(data as never);
}

/** Adds an event; returns the new text and the event's UID. */
export function addEventToText(text: string, input: NewEvent, now = new Date()): { text: string; uid: string } {
  const { component } = readForEdit(text);
  const isAllDay = input.isAllDay === true;
  const timeZone = input.timeZone || 'UTC';
  if (!isAllDay && timeZone !== 'UTC' && !registerTimeZone(timeZone)) throw validationError(`timeZone: '${timeZone}' is not an IANA time zone like Europe/Berlin`);
  const zone = isAllDay ? undefined : timeZone === 'UTC' ? ICAL.Timezone.utcTimezone : ICAL.TimezoneService.get(timeZone);
  const start = wallTime(input.start, isAllDay, zone, 'start');
  const end = wallTime(input.end, isAllDay, zone, 'end');
  // An all-day event's last day is inclusive to people and exclusive (the day after) in iCalendar.
  if (isAllDay) end.day += 1;
  if (end.compare(start) <= 0) throw validationError(isAllDay ? 'end: the last day is before the first day' : 'end: the event ends before it starts; give an end after the start');

  const uid = `${randomUUID()}@opsdeck`;
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', uid);
  vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
  vevent.addPropertyWithValue('summary', input.summary);
  setText(vevent, 'description', input.description);
  const event = new ICAL.Event(vevent);
  event.startDate = start;
  event.endDate = end;
  const rule = recurrenceRule(input.repeat ?? 'none', input.repeatUntil || undefined, isAllDay, timeZone);
  if (rule) vevent.addPropertyWithValue('rrule', rule);
  if (!isAllDay) ensureTimeZone(component, timeZone);
  component.addSubcomponent(vevent);
  return { text: checked(serialise(component)), uid };
}

/** Removes an event (a series with all its overrides); throws when the calendar has no such event. */
export function removeEventFromText(text: string, eventId: string): string {
  const calendar = readForEdit(text);
  const event = calendar.events.find((candidate) => candidate.id === eventId);
  if (!event) throw validationError(`The calendar has no event with the id ${eventId}; it may have been removed already.`);
  const uid = event.event.component.getFirstPropertyValue('uid');
  for (const vevent of calendar.component.getAllSubcomponents('vevent')) {
    if (vevent === event.event.component || (typeof uid === 'string' && vevent.getFirstPropertyValue('uid') === uid)) calendar.component.removeSubcomponent(vevent);
  }
  return checked(serialise(calendar.component));
}

export interface ImportResult {
  text: string;
  /** Events new to the calendar, by UID. */
  added: number;
  /** Events whose UID the calendar had: the file's version replaces them (re-importing updates). */
  replaced: number;
}

/**
 * Merges the VEVENTs of an exported .ics file (Google Calendar, Outlook, iCloud) into the
 * calendar, with the VTIMEZONEs they use. Reminders (VALARM) and attendee lists are dropped:
 * they mean nothing to a change calendar and would spend its 64 KB.
 */
export function mergeIcsIntoText(text: string, icsText: string): ImportResult {
  const target = readForEdit(text).component;
  const parsed = parseCalendar(icsText);
  if (!parsed.ok) throw validationError(`The .ics file is not valid iCalendar: ${parsed.issues.map(formatIssue).join('; ')}`);
  const source = parsed.calendar.component;
  const vevents = source.getAllSubcomponents('vevent');
  if (vevents.length === 0) throw validationError('The .ics file has no events (VEVENT) to import.');

  const existing = new Set(target.getAllSubcomponents('vevent').map((vevent) => vevent.getFirstPropertyValue('uid')));
  const importedUids = new Set<string>();
  for (const vevent of vevents) {
    let uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid === '') {
      uid = `${randomUUID()}@opsdeck`;
      vevent.updatePropertyWithValue('uid', uid);
    }
    importedUids.add(uid);
    vevent.removeAllSubcomponents('valarm');
    for (const name of ['attendee', 'organizer', 'x-alt-desc']) vevent.removeAllProperties(name);
  }
  for (const vevent of target.getAllSubcomponents('vevent')) {
    if (importedUids.has(vevent.getFirstPropertyValue('uid') as string)) target.removeSubcomponent(vevent);
  }
  const usedZones = new Set(vevents.flatMap((vevent) => vevent.getAllProperties().map((property) => property.getParameter('tzid')).filter((tzid): tzid is string => typeof tzid === 'string')));
  const targetZones = new Set(target.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')));
  for (const zone of source.getAllSubcomponents('vtimezone')) {
    const tzid = zone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && usedZones.has(tzid) && !targetZones.has(tzid)) {
      target.addSubcomponent(new ICAL.Component(zone.toJSON()));
      targetZones.add(tzid);
    }
  }
  // A TZID the file names without defining (hand-written files) gets the IANA zone's VTIMEZONE.
  for (const tzid of usedZones) if (!targetZones.has(tzid) && vtimezoneText(tzid)) ensureTimeZone(target, tzid);
  // All-day events of the file mean days in its zone; a calendar with no zone of its own takes it.
  if (!target.hasProperty('x-wr-timezone') && parsed.calendar.declaredTimeZone) setText(target, 'x-wr-timezone', parsed.calendar.declaredTimeZone);
  for (const vevent of vevents) target.addSubcomponent(new ICAL.Component(vevent.toJSON()));
  const replaced = [...importedUids].filter((uid) => existing.has(uid)).length;
  return { text: checked(serialise(target)), added: importedUids.size - replaced, replaced };
}
