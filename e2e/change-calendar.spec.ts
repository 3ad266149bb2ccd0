import { test, expect, screenshot } from './fixtures';

// The viewer is in Berlin: the month view and the forms work in the viewer's zone.
test.use({ timezoneId: 'Europe/Berlin' });

const pad = (value: number) => String(value).padStart(2, '0');

/** `2026-12-01T14:00` in UTC, as a datetime-local input takes it, `hours` from now. */
function utcInputValue(hours: number): string {
  const date = new Date(Date.now() + hours * 3_600_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** `20261201`, `days` from today (UTC). */
function icsDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

/** What Google Calendar exports: an all-day freeze in ten days, and a weekly window. */
function googleExport(): string {
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Ops',
    'X-WR-TIMEZONE:Europe/Berlin',
    'BEGIN:VEVENT',
    `DTSTART;VALUE=DATE:${icsDate(10)}`,
    `DTEND;VALUE=DATE:${icsDate(12)}`,
    'DTSTAMP:20261120T101500Z',
    'UID:e2e-holiday@google.com',
    'SUMMARY:Imported holiday freeze',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P0DT0H30M0S',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

// Calendars are documents owned by the admin: later specs (Documents' "Owned by me") expect none.
test.afterEach(async ({ adminPage: page }) => {
  for (const name of ['prod-freeze', 'release-windows']) await page.request.delete(`/api/change-calendar/${name}`);
});

test('create a calendar, add a closed event covering now and see CLOSED, import an .ics file', async ({ adminPage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Change Calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Change Calendar', level: 1 })).toBeVisible();
  await expect(page.getByText('No change calendars yet')).toBeVisible();
  await screenshot(page, 'change-calendar-empty.png');

  await page.getByRole('button', { name: 'Create calendar' }).click();
  const form = page.getByRole('form', { name: 'Create calendar' });
  await form.getByLabel('Name').fill('prod-freeze');
  await form.getByRole('radio', { name: /Open by default/ }).check();
  await form.getByLabel('Description').fill('Production change freezes');
  await expect(form.getByLabel('Time zone for all-day events')).toHaveValue('Europe/Berlin');
  await form.getByRole('button', { name: 'Create calendar' }).click();

  await expect(page).toHaveURL(/\/change-calendar\/prod-freeze$/);
  const banner = page.getByRole('status', { name: 'Current state' });
  await expect(banner).toContainText('OPEN');
  await expect(banner).toContainText('Changes may run now.');
  await expect(page.getByText('No events yet')).toBeVisible();
  // Today is marked in the month view.
  await expect(page.getByRole('region', { name: 'Month view' }).locator('[aria-current="date"]')).toHaveCount(1);

  // A freeze from an hour ago to two hours from now, in UTC.
  await page.getByRole('button', { name: 'Add event' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add event' });
  await expect(dialog).toContainText('closes the calendar (a freeze)');
  await dialog.getByLabel('Title').fill('Emergency freeze');
  await dialog.getByLabel('Start').fill(utcInputValue(-1));
  await dialog.getByLabel('End').fill(utcInputValue(-3));
  await dialog.getByLabel('Time zone').fill('UTC');
  await dialog.getByRole('button', { name: 'Add event' }).click();
  // The end before the start is refused, in words.
  await expect(dialog.getByRole('alert')).toHaveText('end: the event ends before it starts; give an end after the start');
  await screenshot(page, 'change-calendar-event-error.png');
  await dialog.getByLabel('End').fill(utcInputValue(2));
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(dialog).toBeHidden();

  await expect(banner).toContainText('CLOSED');
  await expect(banner).toContainText('During "Emergency freeze"');
  await expect(page.getByRole('region', { name: 'Month view' }).locator('[data-event="Emergency freeze"]').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('Emergency freeze');
  await screenshot(page, 'change-calendar-closed.png');

  // The list shows it CLOSED too, with one event.
  await page.getByRole('link', { name: '← Change Calendar' }).click();
  const row = page.getByRole('table', { name: 'Calendars' }).getByRole('row').filter({ hasText: 'prod-freeze' });
  await expect(row).toContainText('CLOSED');
  await expect(row).toContainText('Open by default');
  await expect(row.getByRole('cell').last()).toHaveText('1');
  await screenshot(page, 'change-calendar-list.png');

  // A file that is not valid iCalendar is refused with the line at fault.
  await row.getByRole('link', { name: 'prod-freeze' }).click();
  await page.getByRole('button', { name: 'Import .ics' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import .ics file' });
  await importDialog.getByLabel('Calendar file').setInputFiles({ name: 'broken.ics', mimeType: 'text/calendar', buffer: Buffer.from('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261301T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n') });
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog.getByRole('alert')).toHaveText('The .ics file is not valid iCalendar: line 4, column 9: DTSTART: 20261301T000000Z: month 13 does not exist');
  await screenshot(page, 'change-calendar-import-error.png');

  // A Google Calendar export goes in; its all-day freeze shows in the month it falls in.
  await importDialog.getByLabel('Calendar file').setInputFiles({ name: 'ops.ics', mimeType: 'text/calendar', buffer: Buffer.from(googleExport()) });
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Imported ops.ics: 1 new event.' })).toBeVisible();
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events).toContainText('Imported holiday freeze');
  await expect(events.getByRole('row').filter({ hasText: 'Imported holiday freeze' })).toContainText('all day');

  const holiday = new Date(Date.now() + 10 * 86_400_000);
  await page.goto(`/change-calendar/prod-freeze?month=${holiday.getUTCFullYear()}-${pad(holiday.getUTCMonth() + 1)}`);
  const month = page.getByRole('region', { name: 'Month view' });
  await expect(month.locator('[data-event="Imported holiday freeze"]').first()).toBeVisible();
  await screenshot(page, 'change-calendar-month.png');

  // Deleting the freeze opens the calendar again.
  await events.getByRole('button', { name: 'Delete event Emergency freeze' }).click();
  await page.getByRole('dialog', { name: 'Delete "Emergency freeze"?' }).getByRole('button', { name: 'Delete event' }).click();
  await expect(banner).toContainText('OPEN');
  await expect(events).not.toContainText('Emergency freeze');
});

test('a calendar closed by default shows its weekly change windows, green, in every week', async ({ adminPage: page }) => {
  const created = await page.request.post('/api/change-calendar', { data: { name: 'release-windows', calendarType: 'DEFAULT_CLOSED', description: 'Weekly change windows', timeZone: 'Europe/Berlin' } });
  expect(created.ok(), await created.text()).toBe(true);
  // Windows from tomorrow on, 09:00-11:00 Berlin time, weekly; and a two-day window overlapping one.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getUTCFullYear()}-${pad(tomorrow.getUTCMonth() + 1)}-${pad(tomorrow.getUTCDate())}`;
  for (const event of [
    { summary: 'Release window', start: `${day}T09:00`, end: `${day}T11:00`, timeZone: 'Europe/Berlin', repeat: 'weekly' },
    { summary: 'Database upgrade window', start: `${day}T10:00`, end: `${day}T10:00`.replace(day, new Date(tomorrow.getTime() + 86_400_000).toISOString().slice(0, 10)), timeZone: 'Europe/Berlin' },
  ]) {
    const added = await page.request.post('/api/change-calendar/release-windows/events', { data: event });
    expect(added.ok(), await added.text()).toBe(true);
  }

  await page.goto(`/change-calendar/release-windows?month=${day.slice(0, 7)}`);
  const banner = page.getByRole('status', { name: 'Current state' });
  await expect(banner).toContainText('CLOSED');
  await expect(banner).toContainText('Closed by default; "Release window" opens it.');
  const month = page.getByRole('region', { name: 'Month view' });
  await expect(month).toContainText('Events open this calendar.');
  await expect(month.locator('[data-event="Database upgrade window"]').first()).toBeVisible();
  await expect(month.locator('[data-event="Release window"]').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: 'Release window' })).toContainText('Weekly');
  // A weekly window shows in every week of a month it covers whole: the next one.
  const next = new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, 1));
  await page.goto(`/change-calendar/release-windows?month=${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}`);
  await expect.poll(() => month.locator('[data-event="Release window"]').count()).toBeGreaterThanOrEqual(4);
  await screenshot(page, 'change-calendar-windows.png');
});
