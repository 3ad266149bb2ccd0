const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "12 seconds ago", "3 hours ago": how fresh a last-seen time is matters more than the clock. */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  // Each unit is chosen after rounding, so 59.6 minutes reads "in 1 hour", not "in 60 minutes".
  if (Math.abs(seconds) < 60) return relative.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(seconds / 3600);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

export function dateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
