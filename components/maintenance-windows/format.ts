/**
 * An instant as a window in that time zone reads it: "Sun, 6 Dec 2026, 02:00 CET". Intl refuses
 * dateStyle/timeStyle together with timeZoneName, so the fields are spelled out.
 */
export function inZone(iso: string, timezone: string | undefined): string {
  try {
    return new Date(iso).toLocaleString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: timezone || 'UTC',
      timeZoneName: 'short',
    });
  } catch {
    return iso;
  }
}
