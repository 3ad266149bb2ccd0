import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/**
 * Time zones for ical.js. A calendar should carry a VTIMEZONE for every TZID it uses, and exports
 * from Google, Outlook and iCloud do; hand-written and API-made calendars often just say
 * `TZID=Europe/Berlin`. For those, timezones-ical-library supplies the VTIMEZONE of the IANA zone
 * (built from the tz database), so ical.js turns local times into instants through one path with
 * DST rules either way, and the calendars Opsdeck writes carry their own VTIMEZONE, as RFC 5545
 * asks, for whichever calendar program reads them next.
 */

/** ical.js's own zones: UTC under its three names. */
const BUILT_IN = new Set(['UTC', 'Z', 'GMT']);

/** The VTIMEZONE text for an IANA zone name, or undefined when it is not one. */
export function vtimezoneText(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
  const block = tzlib_get_ical_block(name);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].startsWith('BEGIN:VTIMEZONE') ? block[0] : undefined;
}

/** Whether an event may use the zone: a UTC name or an IANA zone whose rules Opsdeck has. */
export function isKnownTimeZone(name: string): boolean {
  return BUILT_IN.has(name) || (IANAZone.isValidZone(name) && vtimezoneText(name) !== undefined);
}

/**
 * Makes ical.js resolve `TZID=<name>` for a TZID the calendar defines no VTIMEZONE for. The
 * registry is process-wide and keyed by IANA name, whose rules are the same for every calendar.
 */
export function registerTimeZone(name: string): boolean {
  if (BUILT_IN.has(name) || ICAL.TimezoneService.has(name)) return true;
  const text = vtimezoneText(name);
  if (!text) return false;
  const zone = new ICAL.Timezone({ component: ICAL.Component.fromString(text), tzid: name });
  ICAL.TimezoneService.register(zone, name);
  return true;
}

/** The IANA zone all-day and floating times are read in: the calendar's X-WR-TIMEZONE, or UTC. */
export function calendarZoneOf(name: string | undefined): string {
  return name && IANAZone.isValidZone(name) ? name : 'UTC';
}
