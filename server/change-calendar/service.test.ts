/**
 * The service against a real PostgreSQL, called in-process: calendars as documents, state by name
 * and ARN, isCalendarOpen for the schedulers, edits as versions, authorisation and audit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { auditEvents, users } from '@/db/schema';
import { ADMIN_USERNAME, bootstrapInstall } from '@/server/auth/bootstrap';
import { getDb, setServerContext } from '@/server/context';
import { createDocument, describeDocument, updateDocument } from '@/server/documents/service';
import { systemCaller, type Caller } from '@/server/identity/caller';
import { attachPolicy, createPolicy } from '@/server/identity/policies';
import { createUser } from '@/server/identity/users';
import { createTestDatabase } from '@/e2e/support/test-postgres';
import { calendarText } from './fixtures';
import { addEvent, createCalendar, getCalendar, getCalendarState, importIcs, isCalendarOpen, listCalendars, listEvents, removeEvent } from './service';

const REGION = 'eu-west-1';
let accountId: string;
let admin: Caller;
let closePool: () => Promise<void>;

const caller = (userId: string, username: string): Caller => ({ userId, username, source: 'console', requestId: randomUUID() });

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, name, message } = error as { code?: string; name?: string; message: string };
    return { code: code ?? (name === 'ZodError' ? 'ValidationException' : String(name)), message };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  const url = await createTestDatabase(inject('postgresUrl'), 'change_calendar');
  const { db, pool } = connectDatabase(url);
  await runMigrations(db);
  const masterKey = randomBytes(32);
  ({ accountId } = await bootstrapInstall(db, { adminPassword: 'correct-horse-battery', masterKey }));
  setServerContext({ db, region: REGION, accountId, masterKey, heartbeatSeconds: 5, broadcast() {}, disconnectConsoleSessions() {}, disconnectAgent() {} });
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, ADMIN_USERNAME));
  admin = caller(row!.id, ADMIN_USERNAME);
  closePool = () => pool.end();

  // prod-freeze: closed 1 Dec 08:00Z to 2 Dec 08:00Z. windows: open on Tuesdays 09:00-11:00Z.
  await createDocument(admin, { name: 'prod-freeze', documentType: 'ChangeCalendar', documentFormat: 'TEXT', content: calendarText('DEFAULT_OPEN', [['SUMMARY:Holiday freeze', 'DTSTART:20261201T080000Z', 'DTEND:20261202T080000Z']]) });
  await createDocument(admin, {
    name: 'windows',
    documentType: 'ChangeCalendar',
    documentFormat: 'TEXT',
    content: calendarText('DEFAULT_CLOSED', [['SUMMARY:Tuesday window', 'DTSTART:20261201T090000Z', 'DTEND:20261201T110000Z', 'RRULE:FREQ=WEEKLY']]),
  });
  await createDocument(admin, { name: 'untyped', documentType: 'ChangeCalendar', documentFormat: 'TEXT', content: calendarText(undefined, []) });
  await createDocument(admin, {
    name: 'restart-web',
    documentType: 'Command',
    documentFormat: 'JSON',
    content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runShellScript', name: 'restart', inputs: { runCommand: ['systemctl restart nginx'] } }] }),
  });
});

afterAll(async () => {
  await closePool?.();
});

describe('getCalendarState', () => {
  it('answers in AWS\'s shape for a name and for an ARN (aws or opsdeck partition)', async () => {
    expect(await getCalendarState(admin, { calendarNames: ['prod-freeze'], atTime: new Date('2026-12-01T12:00:00Z') })).toEqual({
      State: 'CLOSED',
      AtTime: '2026-12-01T12:00:00Z',
      NextTransitionTime: '2026-12-02T08:00:00Z',
    });
    for (const partition of ['aws', 'opsdeck']) {
      const arn = `arn:${partition}:ssm:${REGION}:${accountId}:document/prod-freeze`;
      expect((await getCalendarState(admin, { calendarNames: [arn], atTime: new Date('2026-12-02T09:00:00Z') })).State).toBe('OPEN');
    }
  });

  it('combines calendars: CLOSED if any is', async () => {
    // Tuesday 1 December 10:00Z: the window is open, but the freeze closes everything.
    expect(await getCalendarState(admin, { calendarNames: ['windows', 'prod-freeze'], atTime: new Date('2026-12-01T10:00:00Z') })).toEqual({
      State: 'CLOSED',
      AtTime: '2026-12-01T10:00:00Z',
      NextTransitionTime: '2026-12-08T09:00:00Z',
    });
  });

  it.each([
    { names: ['no-such-calendar'], code: 'InvalidDocument', message: 'The calendar no-such-calendar does not exist.' },
    { names: ['restart-web'], code: 'InvalidDocumentType', message: 'The document restart-web is a Command document, not a ChangeCalendar; a calendar is a ChangeCalendar document.' },
    { names: ['untyped'], code: 'UnsupportedCalendarException', message: 'The calendar untyped has no X-CALENDAR-TYPE; add X-CALENDAR-TYPE:DEFAULT_OPEN or X-CALENDAR-TYPE:DEFAULT_CLOSED to its VCALENDAR.' },
    { names: [`arn:aws:ssm:us-west-2:${'1'.repeat(12)}:document/prod-freeze`], code: 'InvalidDocument', message: expect.stringContaining('is not in this Opsdeck') },
    { names: [], code: 'ValidationException', message: expect.stringContaining('name at least one calendar') },
  ])('refuses $names with $code', async ({ names, code, message }) => {
    expect(await failure(getCalendarState(admin, { calendarNames: names }))).toEqual({ code, message });
  });
});

describe('isCalendarOpen, for the schedulers', () => {
  it('is open when every calendar is', async () => {
    expect(await isCalendarOpen(['prod-freeze', 'windows'], new Date('2026-12-08T10:00:00Z'))).toEqual({ isOpen: true });
    expect(await isCalendarOpen([], new Date())).toEqual({ isOpen: true });
  });

  it('says which calendar is closed, until when, and by which event', async () => {
    expect(await isCalendarOpen(['windows', 'prod-freeze'], new Date('2026-12-01T10:00:00Z'))).toEqual({
      isOpen: false,
      closedBy: 'prod-freeze',
      reason: 'change calendar prod-freeze is CLOSED until 2026-12-02T08:00:00Z (event "Holiday freeze")',
    });
    expect(await isCalendarOpen(['windows'], new Date('2026-12-02T10:00:00Z'))).toEqual({
      isOpen: false,
      closedBy: 'windows',
      reason: 'change calendar windows is CLOSED until 2026-12-08T09:00:00Z (closed by default; the event "Tuesday window" opens it)',
    });
  });

  it('counts a calendar it cannot read as CLOSED, and says why', async () => {
    expect(await isCalendarOpen(['prod-freeze', 'deleted-calendar'], new Date('2026-12-05T00:00:00Z'))).toEqual({
      isOpen: false,
      closedBy: 'deleted-calendar',
      reason: 'change calendar deleted-calendar could not be read, so it counts as CLOSED: The calendar deleted-calendar does not exist.',
    });
    expect((await isCalendarOpen(['untyped'], new Date())).isOpen).toBe(false);
  });
});

describe('editing calendars', () => {
  it('creates a calendar and adds, lists and removes events, each change the new default version', async () => {
    await createCalendar(admin, { name: 'team-freeze', calendarType: 'DEFAULT_OPEN', description: 'Team freezes', timeZone: 'Europe/Berlin' });
    const added = await addEvent(admin, 'team-freeze', { summary: 'Release freeze', start: '2026-12-18T18:00', end: '2026-12-21T06:00', timeZone: 'Europe/Berlin', repeat: 'weekly', repeatUntil: '2027-01-31' });
    expect(added.version).toBe('2');
    expect((await describeDocument(admin, { name: 'team-freeze' })).DefaultVersion).toBe('2');

    expect(await getCalendarState(admin, { calendarNames: ['team-freeze'], atTime: new Date('2026-12-19T12:00:00Z') })).toEqual({
      State: 'CLOSED',
      AtTime: '2026-12-19T12:00:00Z',
      NextTransitionTime: '2026-12-21T05:00:00Z',
    });
    const { occurrences } = await listEvents(admin, 'team-freeze', new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(occurrences.map((occurrence) => occurrence.start.toISOString())).toEqual(['2026-12-18T17:00:00.000Z', '2026-12-25T17:00:00.000Z']);

    const detail = await getCalendar(admin, 'team-freeze', new Date('2026-12-19T12:00:00Z'));
    expect(detail).toMatchObject({ calendarType: 'DEFAULT_OPEN', description: 'Team freezes', timeZone: 'Europe/Berlin', defaultVersion: 2, permissions: { canEdit: true, canDelete: true } });
    expect(detail.current).toMatchObject({ state: 'CLOSED', activeEvents: ['Release freeze'], reason: 'change calendar team-freeze is CLOSED until 2026-12-21T05:00:00Z (event "Release freeze")' });

    await removeEvent(admin, 'team-freeze', added.eventId);
    expect((await getCalendarState(admin, { calendarNames: ['team-freeze'], atTime: new Date('2026-12-19T12:00:00Z') })).State).toBe('OPEN');
  });

  it('imports an .ics file into a calendar', async () => {
    await createCalendar(admin, { name: 'imported', calendarType: 'DEFAULT_OPEN' });
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'BEGIN:VEVENT', 'UID:a@test', 'SUMMARY:Imported freeze', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    expect(await importIcs(admin, 'imported', ics)).toEqual({ added: 1, replaced: 0, version: '2' });
    expect(await isCalendarOpen(['imported'], new Date('2026-12-25T12:00:00Z'))).toMatchObject({ isOpen: false, reason: 'change calendar imported is CLOSED until 2026-12-27T00:00:00Z (event "Imported freeze")' });
    expect(await failure(importIcs(admin, 'imported', 'not a calendar'))).toMatchObject({ code: 'ValidationException', message: expect.stringContaining('The .ics file is not valid iCalendar: line 1, column 1') });
  });

  it('refuses an edit made from a version someone else has replaced meanwhile', async () => {
    await createCalendar(admin, { name: 'contended', calendarType: 'DEFAULT_OPEN' });
    const stale = (await getCalendar(admin, 'contended')).content;
    await addEvent(admin, 'contended', { summary: 'First', start: '2026-12-01T08:00', end: '2026-12-01T09:00', timeZone: 'UTC' });
    // An UpdateDocument that starts from version 1 again, as a second editor would.
    expect(await failure(updateDocument(admin, { name: 'contended', content: stale.replace('END:VCALENDAR', 'X-WR-CALDESC:second\r\nEND:VCALENDAR'), documentVersion: '1' }))).toMatchObject({ code: 'InvalidDocumentVersion' });
  });

  it('refuses iCalendar that is not valid, naming the line', async () => {
    const refusal = await failure(createDocument(admin, { name: 'broken', documentType: 'ChangeCalendar', documentFormat: 'TEXT', content: calendarText('DEFAULT_OPEN', [['SUMMARY:x', 'DTSTART:20261301T000000Z']]) }));
    expect(refusal).toEqual({ code: 'InvalidDocumentContent', message: 'line 9, column 9: DTSTART: 20261301T000000Z: month 13 does not exist' });
  });

  it('lists calendars with their state, and only calendars', async () => {
    const { calendars } = await listCalendars(admin, new Date('2026-12-01T12:00:00Z'));
    expect(calendars.map((calendar) => calendar.name)).toEqual(['contended', 'imported', 'prod-freeze', 'team-freeze', 'untyped', 'windows']);
    const freeze = calendars.find((calendar) => calendar.name === 'prod-freeze')!;
    expect(freeze).toMatchObject({ calendarType: 'DEFAULT_OPEN', eventCount: 1, current: { state: 'CLOSED', nextTransitionTime: new Date('2026-12-02T08:00:00Z') } });
    expect(calendars.find((calendar) => calendar.name === 'untyped')).toMatchObject({ problem: expect.stringContaining('has no X-CALENDAR-TYPE') });
  });
});

describe('authorisation and audit', () => {
  let reader: Caller;

  beforeAll(async () => {
    const user = await createUser(systemCaller(), { username: 'calendar-reader', password: 'correct-horse-battery' });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:GetCalendarState', 'ssm:ListDocuments'], Resource: `arn:opsdeck:ssm:${REGION}:${accountId}:document/prod-*` }] };
    await createPolicy(systemCaller(), { name: 'ProdCalendarsOnly', document: JSON.stringify(policy) });
    await attachPolicy(systemCaller(), { policyName: 'ProdCalendarsOnly', principalType: 'user', principalName: 'calendar-reader' });
    reader = caller(user.userId, 'calendar-reader');
  });

  it('asks ssm:GetCalendarState on each calendar\'s document ARN', async () => {
    expect((await getCalendarState(reader, { calendarNames: ['prod-freeze'], atTime: new Date('2026-12-05T00:00:00Z') })).State).toBe('OPEN');
    const refusal = await failure(getCalendarState(reader, { calendarNames: ['prod-freeze', 'windows'] }));
    expect(refusal).toMatchObject({ code: 'AccessDeniedException', message: expect.stringContaining('ssm:GetCalendarState') });
    expect(refusal.message).toContain(`document/windows`);
    expect(await failure(addEvent(reader, 'prod-freeze', { summary: 'x', start: '2026-12-01T08:00', end: '2026-12-01T09:00' }))).toMatchObject({ code: 'AccessDeniedException' });
  });

  it('records API calls in the audit trail', async () => {
    const api = { ...reader, source: 'api' as const, requestId: randomUUID() };
    await getCalendarState(api, { calendarNames: ['prod-freeze'], atTime: new Date('2026-12-05T00:00:00Z') });
    await expect
      .poll(async () => getDb().select().from(auditEvents).where(and(eq(auditEvents.username, 'calendar-reader'), eq(auditEvents.action, 'GetCalendarState'))))
      .toEqual(expect.arrayContaining([expect.objectContaining({ result: 'Success', resources: [`arn:opsdeck:ssm:${REGION}:${accountId}:document/prod-freeze`] })]));
  });
});
