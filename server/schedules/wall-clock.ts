import { IANAZone } from 'luxon';
import { ScheduleExpressionError } from './errors';

/**
 * Wall-clock arithmetic for schedules. A "wall" time is a local date and time written as if it
 * were UTC (milliseconds since the epoch of that UTC reading): calendar arithmetic on it has no
 * DST, and turning it into an instant is the one place where DST is decided.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The zone for an IANA name; throws ScheduleExpressionError for anything else. */
export function timeZone(name: string): IANAZone {
  // Luxon also accepts offsets such as UTC+2 in some forms; AWS takes only IANA names.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) || !IANAZone.isValidZone(name)) {
    throw new ScheduleExpressionError(`'${name}' is not an IANA time zone`, 'timezone');
  }
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  if (canonical !== name && canonical.toLowerCase() === name.toLowerCase()) {
    throw new ScheduleExpressionError(`'${name}' is not an IANA time zone: the name is '${canonical}'`, 'timezone');
  }
  return IANAZone.create(name);
}

export function instantToWall(instant: number, zone: IANAZone): number {
  return instant + zone.offset(instant) * MINUTE;
}

/**
 * The instant a wall time names in the zone: the first of two when the clocks go back (the
 * repeated hour), undefined when the clocks skip it (the hour lost when they go forward).
 */
export function wallToInstant(wall: number, zone: IANAZone): number | undefined {
  // Offsets a day either side cover every transition near this time: no zone changes twice a day.
  const offsets = new Set([zone.offset(wall - DAY), zone.offset(wall), zone.offset(wall + DAY)]);
  let earliest: number | undefined;
  for (const offset of offsets) {
    const instant = wall - offset * MINUTE;
    if (zone.offset(instant) === offset && (earliest === undefined || instant < earliest)) earliest = instant;
  }
  return earliest;
}

/**
 * How far back (in wall time) a search must start so that no wall time mapping to an instant
 * after `instant` is missed: only when the clocks go back within the next few hours can an
 * earlier wall time name a later instant. No zone moves its clocks by more than two hours.
 */
export function wallSearchSlack(instant: number, zone: IANAZone): number {
  return Math.max(0, zone.offset(instant) - zone.offset(instant + 3 * HOUR)) * MINUTE;
}

export const WALL_DAY = DAY;

/** `yyyy-mm-dd hh:mm` (and `:ss` when not zero) of a wall time. */
export function formatWall(wall: number): string {
  const iso = new Date(wall).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`;
}
