import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateDocumentCommand, DescribeDocumentCommand, GetCalendarStateCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { awsCli, BOOTSTRAP_ENV, failure, signedSsmCall, ssmClient } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

/** As AWS's console writes a new calendar (its VTODO placeholder included), with one event. */
function awsCalendar(calendarType: string, events: string[] = []): string {
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//AWS//Change Calendar 1.0//EN',
    'VERSION:2.0',
    `X-CALENDAR-TYPE:${calendarType}`,
    'X-WR-CALDESC:integration test',
    'BEGIN:VTODO',
    'DTSTAMP:20200320T004207Z',
    'UID:3b5af39a-d0b3-4049-a839-d7bb8af01f92',
    'SUMMARY:Add events to this calendar.',
    'END:VTODO',
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const HOLIDAY_FREEZE = ['BEGIN:VEVENT', 'UID:freeze-1', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Holiday freeze', 'DTSTART:20261201T080000Z', 'DTEND:20261202T080000Z', 'END:VEVENT'];
// Change windows on Tuesdays, 09:00-11:00 Berlin time, from 1 December 2026.
const TUESDAY_WINDOWS = ['BEGIN:VEVENT', 'UID:window-1', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Tuesday window', 'DTSTART;TZID=Europe/Berlin:20261201T090000', 'DTEND;TZID=Europe/Berlin:20261201T110000', 'RRULE:FREQ=WEEKLY;BYDAY=TU', 'END:VEVENT'];

describe('Change Calendar through the SSM API, the AWS CLI and the console API', () => {
  let server: TestServer;
  let ssm: SSMClient;
  let admin: ConsoleClient;
  let accountId: string;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase(inject('postgresUrl'), 'change_calendar_api');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    ssm = ssmClient(server.url);
    admin = await ConsoleClient.signIn(server.url);
    const created = await ssm.send(new CreateDocumentCommand({ Name: 'prod-freeze', DocumentType: 'ChangeCalendar', DocumentFormat: 'TEXT', Content: awsCalendar('DEFAULT_OPEN', HOLIDAY_FREEZE) }));
    accountId = created.DocumentDescription!.Owner!;
    await ssm.send(new CreateDocumentCommand({ Name: 'release-windows', DocumentType: 'ChangeCalendar', DocumentFormat: 'TEXT', Content: awsCalendar('DEFAULT_CLOSED', TUESDAY_WINDOWS) }));
    await ssm.send(
      new CreateDocumentCommand({
        Name: 'restart-web',
        Content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runShellScript', name: 'restart', inputs: { runCommand: ['systemctl restart nginx'] } }] }),
      }),
    );
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('aws ssm get-calendar-state answers for a calendar by name, now and at a given time', async () => {
    const now = await awsCli(server.url, ['get-calendar-state', '--calendar-names', 'prod-freeze']);
    expect(now.code, now.stderr).toBe(0);
    expect(now.json).toMatchObject({ State: expect.stringMatching(/^(OPEN|CLOSED)$/), AtTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });

    const during = await awsCli(server.url, ['get-calendar-state', '--calendar-names', 'prod-freeze', '--at-time', '2026-12-01T12:00:00Z']);
    expect(during.code, during.stderr).toBe(0);
    expect(during.json).toEqual({ State: 'CLOSED', AtTime: '2026-12-01T12:00:00Z', NextTransitionTime: '2026-12-02T08:00:00Z' });

    const after = await awsCli(server.url, ['get-calendar-state', '--calendar-names', 'prod-freeze', '--at-time', '2026-12-02T08:00:00Z']);
    expect(after.json).toEqual({ State: 'OPEN', AtTime: '2026-12-02T08:00:00Z' });
  });

  it('several calendars, by name and by ARN: CLOSED if any is, with the combined next transition', async () => {
    const arn = `arn:aws:ssm:us-east-1:${accountId}:document/release-windows`;
    // Tuesday 8 December, 09:30 Berlin: the window is open and the freeze is over.
    const open = await awsCli(server.url, ['get-calendar-state', '--calendar-names', 'prod-freeze', arn, '--at-time', '2026-12-08T08:30:00Z']);
    expect(open.code, open.stderr).toBe(0);
    expect(open.json).toEqual({ State: 'OPEN', AtTime: '2026-12-08T08:30:00Z', NextTransitionTime: '2026-12-08T10:00:00Z' });
    // Tuesday 1 December, inside the window but also inside the freeze.
    const sdk = await ssm.send(new GetCalendarStateCommand({ CalendarNames: ['release-windows', 'prod-freeze'], AtTime: '2026-12-01T08:30:00Z' }));
    expect({ State: sdk.State, AtTime: sdk.AtTime, NextTransitionTime: sdk.NextTransitionTime }).toEqual({ State: 'CLOSED', AtTime: '2026-12-01T08:30:00Z', NextTransitionTime: '2026-12-08T08:00:00Z' });
  });

  it.each([
    { title: 'a calendar that does not exist', names: ['no-such-calendar'], error: 'InvalidDocument' },
    { title: 'a Command document', names: ['restart-web'], error: 'InvalidDocumentType' },
  ])('the CLI reports $error for $title', async ({ names, error }) => {
    const result = await awsCli(server.url, ['get-calendar-state', '--calendar-names', ...names]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`(${error})`);
  });

  it('reports UnsupportedCalendarException and ValidationException in AWS\'s error shapes', async () => {
    const untyped = awsCalendar('DEFAULT_OPEN').replace('X-CALENDAR-TYPE:DEFAULT_OPEN\r\n', '');
    await ssm.send(new CreateDocumentCommand({ Name: 'untyped', DocumentType: 'ChangeCalendar', DocumentFormat: 'TEXT', Content: untyped }));
    expect(await failure(ssm.send(new GetCalendarStateCommand({ CalendarNames: ['untyped'] })))).toMatchObject({ name: 'UnsupportedCalendarException', message: expect.stringContaining('has no X-CALENDAR-TYPE') });
    expect(await failure(ssm.send(new GetCalendarStateCommand({ CalendarNames: ['prod-freeze'], AtTime: 'next tuesday' })))).toMatchObject({
      name: 'ValidationException',
      message: "AtTime 'next tuesday' is not an ISO 8601 time like 2026-12-01T02:00:00Z.",
    });
    const empty = await signedSsmCall(server.url, 'GetCalendarState', { CalendarNames: [] });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ __type: 'ValidationException' });
  });

  it('refuses a calendar document that is not valid iCalendar, naming the line', async () => {
    const content = awsCalendar('DEFAULT_OPEN', ['BEGIN:VEVENT', 'UID:x', 'SUMMARY:Bad', 'DTSTART;TZID=Mars/Olympus_Mons:20261201T080000', 'END:VEVENT']);
    const result = await awsCli(server.url, ['create-document', '--name', 'broken-calendar', '--document-type', 'ChangeCalendar', '--document-format', 'TEXT', '--content', content]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('(InvalidDocumentContent)');
    expect(result.stderr).toContain('line 14, column 1: DTSTART: TZID=Mars/Olympus_Mons is not defined by a VTIMEZONE in this calendar and is not an IANA time zone like Europe/Berlin');
  });

  it('the console API creates a calendar, adds a freeze, imports an .ics file and removes an event; the API sees each change', async () => {
    const created = await admin.request('POST', '/api/change-calendar', { name: 'console-freeze', calendarType: 'DEFAULT_OPEN', description: 'made in the console', timeZone: 'Europe/Berlin' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);

    const added = await admin.request<{ eventId: string; version: string }>('POST', '/api/change-calendar/console-freeze/events', {
      summary: 'Year-end freeze',
      start: '2026-12-28T00:00',
      end: '2027-01-04T00:00',
      timeZone: 'Europe/Berlin',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.version).toBe('2');
    const state = await ssm.send(new GetCalendarStateCommand({ CalendarNames: ['console-freeze'], AtTime: '2026-12-30T12:00:00Z' }));
    expect({ State: state.State, NextTransitionTime: state.NextTransitionTime }).toEqual({ State: 'CLOSED', NextTransitionTime: '2027-01-03T23:00:00Z' });
    // The new version is the default: AWS's GetCalendarState reads the default version.
    expect((await ssm.send(new DescribeDocumentCommand({ Name: 'console-freeze' }))).Document).toMatchObject({ DefaultVersion: '2', LatestVersion: '2', DocumentType: 'ChangeCalendar', DocumentFormat: 'TEXT' });

    const refused = await admin.request<{ __type: string; message: string }>('POST', '/api/change-calendar/console-freeze/events', { summary: 'Backwards', start: '2026-12-28T10:00', end: '2026-12-28T09:00', timeZone: 'UTC' });
    expect(refused).toEqual({ status: 400, body: { __type: 'ValidationException', message: 'end: the event ends before it starts; give an end after the start' } });

    const ics = [
      'BEGIN:VCALENDAR',
      'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
      'VERSION:2.0',
      'X-WR-TIMEZONE:Europe/Berlin',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270401',
      'DTEND;VALUE=DATE:20270402',
      'UID:fools@google.com',
      'SUMMARY:Quarter start',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT30M',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const imported = await admin.request('POST', '/api/change-calendar/console-freeze/import', { ics });
    expect(imported).toEqual({ status: 200, body: { added: 1, replaced: 0, version: '3' } });
    expect((await ssm.send(new GetCalendarStateCommand({ CalendarNames: ['console-freeze'], AtTime: '2027-03-31T22:30:00Z' }))).State).toBe('CLOSED');

    const month = await admin.request<{ occurrences: { summary: string; start: string }[] }>('GET', `/api/change-calendar/console-freeze/occurrences?${new URLSearchParams({ from: '2026-12-01T00:00:00Z', to: '2027-05-01T00:00:00Z' })}`);
    expect(month.body.occurrences.map((occurrence) => [occurrence.summary, occurrence.start])).toEqual([
      ['Year-end freeze', '2026-12-27T23:00:00.000Z'],
      ['Quarter start', '2027-03-31T22:00:00.000Z'],
    ]);

    const removed = await admin.request('DELETE', `/api/change-calendar/console-freeze/events/${encodeURIComponent(added.body.eventId)}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect((await ssm.send(new GetCalendarStateCommand({ CalendarNames: ['console-freeze'], AtTime: '2026-12-30T12:00:00Z' }))).State).toBe('OPEN');

    const list = await admin.request<{ calendars: { name: string; eventCount: number }[] }>('GET', '/api/change-calendar');
    expect(list.body.calendars.map((calendar) => [calendar.name, calendar.eventCount])).toEqual([
      ['console-freeze', 1],
      ['prod-freeze', 1],
      ['release-windows', 1],
      ['untyped', 0],
    ]);
  });
});
