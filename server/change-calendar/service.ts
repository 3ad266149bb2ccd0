/**
 * Change Calendar: calendars are ChangeCalendar documents (iCalendar text, DocumentFormat TEXT),
 * stored, versioned and authorised by the documents service. This module reads them into state
 * (GetCalendarState, and isCalendarOpen for the schedulers) and edits their events.
 */
import { and, asc, eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { documents, documentVersions } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { formatIssue } from '@/server/documents/content';
import { documentNameSchema } from '@/server/documents/schemas';
import {
  createDocument,
  deleteDocument,
  documentResourceArn,
  loadDocumentVersion,
  updateDocument,
  updateDocumentDefaultVersion,
  type DocumentDescription,
} from '@/server/documents/service';
import { OpsdeckError, isOpsdeckError } from '@/server/errors';
import { allowedActions } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { addEventToText, mergeIcsIntoText, newCalendarText, removeEventFromText, setCalendarHeader } from './edit';
import { parseCalendar, type CalendarParse, type CalendarType, type ParsedCalendar } from './ics';
import { occurrencesBetween, type Occurrence } from './occurrences';
import {
  calendarNamesInput,
  createCalendarInput,
  newEventInput,
  occurrenceWindowInput,
  updateCalendarInput,
  type CreateCalendarInput,
  type NewEventInput,
  type UpdateCalendarInput,
} from './schemas';
import { closedReason, evaluateCalendars, isoSeconds, type CalendarState, type CalendarStateDetail, type NamedCalendar } from './state';

export type { CalendarState, CalendarType, CreateCalendarInput, NewEventInput, UpdateCalendarInput };

const CALENDAR_TYPE = 'ChangeCalendar';

/** AWS's GetCalendarState response. */
export interface CalendarStateResponse {
  State: CalendarState;
  AtTime: string;
  NextTransitionTime?: string;
}

// ---------------------------------------------------------------------------------------------
// Reading calendars

/** Parsed calendars by content hash: schedulers ask about the same few calendars all the time. */
const parsedByHash = new LRUCache<string, CalendarParse>({ max: 500 });

function parseCached(hash: string, content: string): CalendarParse {
  let parsed = parsedByHash.get(hash);
  if (!parsed) {
    parsed = parseCalendar(content);
    parsedByHash.set(hash, parsed);
  }
  return parsed;
}

/**
 * A calendar is named by its document name or its document ARN (AWS's CalendarNames take both);
 * `aws` and `opsdeck` partitions alike, as CLI users paste AWS-shaped ARNs.
 */
export function calendarDocumentName(nameOrArn: string): string {
  const match = /^arn:(aws|opsdeck):ssm:([^:]*):([^:]*):document\/(.+)$/.exec(nameOrArn);
  if (!match) return documentNameSchema.parse(nameOrArn);
  const { region, accountId } = getServerContext();
  const [, , arnRegion, arnAccount, name] = match;
  if (arnRegion !== region || arnAccount !== accountId) {
    throw new OpsdeckError('InvalidDocument', `The calendar ${nameOrArn} is not in this Opsdeck (region ${region}, account ${accountId}).`);
  }
  return documentNameSchema.parse(name);
}

function unsupported(name: string, parsed: Extract<CalendarParse, { ok: false }>): OpsdeckError {
  return new OpsdeckError('UnsupportedCalendarException', `The calendar ${name} is not iCalendar that Opsdeck can evaluate: ${parsed.issues.map(formatIssue).join('; ')}`);
}

/** A calendar's default version, read (the version GetCalendarState evaluates, as AWS does). */
async function loadCalendar(name: string, documentVersion = '$DEFAULT'): Promise<{ calendar: ParsedCalendar; version: number; latestVersion: number; content: string; createdAt: Date }> {
  const view = await loadDocumentVersion(name, { documentVersion }).catch((error: unknown) => {
    if (isOpsdeckError(error) && error.code === 'InvalidDocument') throw new OpsdeckError('InvalidDocument', `The calendar ${name} does not exist.`);
    throw error;
  });
  if (view.documentType !== CALENDAR_TYPE) {
    throw new OpsdeckError('InvalidDocumentType', `The document ${name} is a ${view.documentType} document, not a ChangeCalendar; a calendar is a ChangeCalendar document.`);
  }
  const parsed = parseCached(view.hash, view.content);
  if (!parsed.ok) throw unsupported(name, parsed);
  return { calendar: parsed.calendar, version: view.version, latestVersion: view.document.latestVersion, content: view.content, createdAt: view.document.createdAt };
}

async function loadNamedCalendars(names: string[]): Promise<NamedCalendar[]> {
  return Promise.all(names.map(async (name) => ({ name, calendar: (await loadCalendar(name)).calendar })));
}

function toResponse(state: ReturnType<typeof evaluateCalendars>): CalendarStateResponse {
  return {
    State: state.state,
    AtTime: isoSeconds(state.atTime),
    ...(state.nextTransitionTime ? { NextTransitionTime: isoSeconds(state.nextTransitionTime) } : {}),
  };
}

/**
 * GetCalendarState: OPEN only when every calendar named is open at `atTime` (now by default);
 * NextTransitionTime is when that combined state next changes, left out when it does not within
 * five years.
 */
export async function getCalendarState(caller: Caller, input: { calendarNames: string[]; atTime?: Date }): Promise<CalendarStateResponse> {
  const calendarNames = calendarNamesInput.parse(input.calendarNames);
  const names = [...new Set(calendarNames.map(calendarDocumentName))];
  const atTime = input.atTime ?? new Date();
  if (Number.isNaN(atTime.getTime())) throw new OpsdeckError('ValidationException', 'AtTime is not a valid time.');
  return perform(
    caller,
    { name: 'GetCalendarState', iamAction: 'ssm:GetCalendarState', resources: names.map((name) => documentResourceArn(name, false)), parameters: { calendarNames, atTime: isoSeconds(atTime) }, isAudited: false },
    async () => toResponse(evaluateCalendars(await loadNamedCalendars(names), atTime)),
  );
}

export interface CalendarOpenness {
  isOpen: boolean;
  /** The first calendar (as named) that is CLOSED, or that could not be read. */
  closedBy?: string;
  /** Why, for a run history: `change calendar prod-freeze is CLOSED until 2026-12-02T08:00:00Z (event "Holiday freeze")`. */
  reason?: string;
}

/**
 * For the schedulers (Maintenance Windows, State Manager, Automation), acting as the system: may
 * work go ahead at `at` under these calendars? No caller and no authorisation: whoever set the
 * calendars on a window or association was authorised then. A calendar that cannot be read
 * (deleted, not a calendar, not evaluable) counts as CLOSED: work guarded by a calendar never runs
 * because the guard broke, and the reason says what broke.
 */
export async function isCalendarOpen(calendarNames: string[], at: Date = new Date()): Promise<CalendarOpenness> {
  const calendars: NamedCalendar[] = [];
  for (const nameOrArn of calendarNames) {
    try {
      calendars.push({ name: nameOrArn, calendar: (await loadCalendar(calendarDocumentName(nameOrArn))).calendar });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { isOpen: false, closedBy: nameOrArn, reason: `change calendar ${nameOrArn} could not be read, so it counts as CLOSED: ${message}` };
    }
  }
  if (calendars.length === 0) return { isOpen: true };
  let details: CalendarStateDetail[];
  try {
    details = evaluateCalendars(calendars, at).calendars;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { isOpen: false, closedBy: calendars[0]!.name, reason: `the change calendars could not be evaluated, so they count as CLOSED: ${message}` };
  }
  const closed = details.filter((detail) => detail.state === 'CLOSED');
  if (closed.length === 0) return { isOpen: true };
  return { isOpen: false, closedBy: closed[0]!.name, reason: closed.map((detail) => closedReason(detail)).join('; ') };
}

// ---------------------------------------------------------------------------------------------
// The console's views

export interface CalendarEventView {
  id: string;
  summary: string;
  description?: string;
  start: Date;
  end: Date;
  isAllDay: boolean;
  isRecurring: boolean;
  recurrence?: string;
  timeZone?: string;
}

export interface CalendarStateView {
  state: CalendarState;
  nextTransitionTime?: Date;
  activeEvents: string[];
  nextEvent?: string;
  /** Why it is CLOSED, in words. */
  reason?: string;
}

export interface CalendarSummary {
  name: string;
  calendarType?: CalendarType;
  description?: string;
  eventCount: number;
  /** Undefined when the caller may not read it, or the calendar cannot be evaluated (then `problem`). */
  current?: CalendarStateView;
  problem?: string;
  defaultVersion: number;
  createdAt: Date;
}

function stateView(named: NamedCalendar, at: Date): CalendarStateView {
  const detail = evaluateCalendars([named], at).calendars[0]!;
  return {
    state: detail.state,
    nextTransitionTime: detail.nextTransitionTime,
    activeEvents: detail.activeEvents,
    nextEvent: detail.nextEvent,
    reason: detail.state === 'CLOSED' ? closedReason(detail) : undefined,
  };
}

function eventView(event: ParsedCalendar['events'][number]): CalendarEventView {
  const { id, summary, description, start, end, isAllDay, isRecurring, recurrence, timeZone } = event;
  return { id, summary, description, start, end, isAllDay, isRecurring, recurrence, timeZone };
}

/** Every calendar with its state now: the console's list. */
export async function listCalendars(caller: Caller, at: Date = new Date()): Promise<{ calendars: CalendarSummary[] }> {
  return perform(caller, { name: 'ListDocuments', iamAction: 'ssm:ListDocuments', parameters: { filters: [{ key: 'DocumentType', values: [CALENDAR_TYPE] }] }, isAudited: false }, async () => {
    const rows = await getDb()
      .select({ name: documents.name, defaultVersion: documents.defaultVersion, createdAt: documents.createdAt, hash: documentVersions.hash, content: documentVersions.content })
      .from(documents)
      .innerJoin(documentVersions, and(eq(documentVersions.name, documents.name), eq(documentVersions.version, documents.defaultVersion)))
      .where(eq(documents.documentType, CALENDAR_TYPE))
      .orderBy(asc(documents.name));
    const requests = Object.fromEntries(rows.map((row) => [row.name, { action: 'ssm:GetCalendarState', resource: documentResourceArn(row.name, false) }]));
    const mayRead = rows.length > 0 ? await allowedActions(caller, requests) : {};
    const calendars = rows.map((row): CalendarSummary => {
      const base = { name: row.name, defaultVersion: row.defaultVersion, createdAt: row.createdAt };
      const parsed = parseCached(row.hash, row.content);
      if (!parsed.ok) return { ...base, eventCount: 0, problem: unsupported(row.name, parsed).message };
      const { calendar } = parsed;
      const summary = { ...base, calendarType: calendar.calendarType, description: calendar.description, eventCount: calendar.events.length };
      if (!mayRead[row.name]) return { ...summary, problem: 'You may not read this calendar\'s state (ssm:GetCalendarState).' };
      try {
        return { ...summary, current: stateView({ name: row.name, calendar }, at) };
      } catch (error) {
        return { ...summary, problem: error instanceof Error ? error.message : String(error) };
      }
    });
    return { calendars };
  });
}

export interface CalendarDetail {
  name: string;
  calendarType?: CalendarType;
  description?: string;
  /** The zone all-day events are read in. */
  timeZone: string;
  defaultVersion: number;
  latestVersion: number;
  createdAt: Date;
  events: CalendarEventView[];
  current?: CalendarStateView;
  problem?: string;
  content: string;
  permissions: { canEdit: boolean; canDelete: boolean };
}

/** One calendar: its events as written, its state now, and what the caller may change. */
export async function getCalendar(caller: Caller, nameOrArn: string, at: Date = new Date()): Promise<CalendarDetail> {
  const name = calendarDocumentName(nameOrArn);
  const resource = documentResourceArn(name, false);
  return perform(caller, { name: 'GetDocument', iamAction: 'ssm:GetDocument', resources: [resource], parameters: { name }, isAudited: false }, async () => {
    const loaded = await loadCalendar(name);
    const permissions = await allowedActions(caller, {
      canEdit: { action: 'ssm:UpdateDocument', resource },
      canDelete: { action: 'ssm:DeleteDocument', resource },
    });
    let current: CalendarStateView | undefined;
    let problem: string | undefined;
    try {
      current = stateView({ name, calendar: loaded.calendar }, at);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    return {
      name,
      calendarType: loaded.calendar.calendarType,
      description: loaded.calendar.description,
      timeZone: loaded.calendar.timeZone,
      defaultVersion: loaded.version,
      latestVersion: loaded.latestVersion,
      createdAt: loaded.createdAt,
      events: loaded.calendar.events.map(eventView),
      current,
      problem,
      content: loaded.content,
      permissions,
    };
  });
}

/** The occurrences of a calendar's events within [from, to): the month view. */
export async function listEvents(caller: Caller, nameOrArn: string, from: Date, to: Date): Promise<{ name: string; calendarType?: CalendarType; occurrences: Occurrence[] }> {
  const name = calendarDocumentName(nameOrArn);
  const window = occurrenceWindowInput.parse({ from, to });
  return perform(caller, { name: 'GetDocument', iamAction: 'ssm:GetDocument', resources: [documentResourceArn(name, false)], parameters: { name, from: isoSeconds(from), to: isoSeconds(to) }, isAudited: false }, async () => {
    const { calendar } = await loadCalendar(name);
    return { name, calendarType: calendar.calendarType, occurrences: occurrencesBetween(calendar, window.from, window.to) };
  });
}

// ---------------------------------------------------------------------------------------------
// Changing calendars: each change is a new document version, made the default so it applies

export async function createCalendar(caller: Caller, rawInput: CreateCalendarInput): Promise<DocumentDescription> {
  const input = createCalendarInput.parse(rawInput);
  return createDocument(caller, {
    name: input.name,
    content: newCalendarText({ calendarType: input.calendarType, description: input.description, timeZone: input.timeZone }),
    documentType: CALENDAR_TYPE,
    documentFormat: 'TEXT',
    tags: input.tags,
  });
}

/**
 * Stores a changed calendar as the next version, starting from `fromVersion` (so two people
 * editing at once cannot lose each other's events: the second is told to reload), and makes it
 * the default version, which is the one GetCalendarState reads.
 */
async function saveVersion(caller: Caller, name: string, fromVersion: number, content: string): Promise<DocumentDescription> {
  const saved = await updateDocument(caller, { name, content, documentVersion: String(fromVersion), documentFormat: 'TEXT' }).catch((error: unknown) => {
    if (isOpsdeckError(error) && error.code === 'InvalidDocumentVersion') {
      throw new OpsdeckError('InvalidDocumentVersion', `The calendar ${name} changed while you were editing it (it is now past version ${fromVersion}); reload it and try again.`);
    }
    throw error;
  });
  await updateDocumentDefaultVersion(caller, name, saved.DocumentVersion);
  return { ...saved, DefaultVersion: saved.DocumentVersion };
}

/** The latest version to edit from; the calendar must be a ChangeCalendar. */
async function loadForEdit(nameOrArn: string) {
  const name = calendarDocumentName(nameOrArn);
  const loaded = await loadCalendar(name, '$LATEST');
  return { name, ...loaded };
}

export async function updateCalendar(caller: Caller, nameOrArn: string, rawInput: UpdateCalendarInput): Promise<DocumentDescription> {
  const input = updateCalendarInput.parse(rawInput);
  const { name, version, content } = await loadForEdit(nameOrArn);
  return saveVersion(caller, name, version, setCalendarHeader(content, input));
}

export async function addEvent(caller: Caller, nameOrArn: string, rawInput: NewEventInput): Promise<{ eventId: string; version: string }> {
  const input = newEventInput.parse(rawInput);
  const { name, version, content } = await loadForEdit(nameOrArn);
  const added = addEventToText(content, input);
  const saved = await saveVersion(caller, name, version, added.text);
  return { eventId: added.uid, version: saved.DocumentVersion };
}

export async function removeEvent(caller: Caller, nameOrArn: string, eventId: string): Promise<{ version: string }> {
  const { name, version, content } = await loadForEdit(nameOrArn);
  const saved = await saveVersion(caller, name, version, removeEventFromText(content, eventId));
  return { version: saved.DocumentVersion };
}

/** Merges the events of an exported .ics file; events already imported (same UID) are updated. */
export async function importIcs(caller: Caller, nameOrArn: string, icsText: string): Promise<{ added: number; replaced: number; version: string }> {
  if (typeof icsText !== 'string' || icsText.trim() === '') throw new OpsdeckError('ValidationException', 'The .ics file is empty.');
  const { name, version, content } = await loadForEdit(nameOrArn);
  const merged = mergeIcsIntoText(content, icsText);
  const saved = await saveVersion(caller, name, version, merged.text);
  return { added: merged.added, replaced: merged.replaced, version: saved.DocumentVersion };
}

export async function deleteCalendar(caller: Caller, nameOrArn: string): Promise<void> {
  const name = calendarDocumentName(nameOrArn);
  // Checked first so this never deletes a document that is not a calendar.
  await loadCalendar(name, '$LATEST').catch((error: unknown) => {
    if (isOpsdeckError(error) && error.code === 'UnsupportedCalendarException') return;
    throw error;
  });
  await deleteDocument(caller, { name });
}
