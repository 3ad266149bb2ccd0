import { randomResourceId } from '@/server/resource-ids';
import { and, desc, eq, gt, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { sessionRecordings, sessions, type SessionRow } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, validationError } from '@/server/errors';
import { findManagedNode } from '@/server/fleet/agent-rpc';
import { newToken, hashToken, tokenMatches } from '@/server/auth/tokens';
import { nodeArn, sessionArn, userArn } from '@/server/identity/arn';
import { allowedActions, authorize, type AuthorizationRequest } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { SESSION_FILE_CHUNK_BYTES, type SessionFileAnswer, type SessionKind } from '@/agent/protocol';
import { checkNodePath } from '@/agent/tools/paths';
import { sessionStartSchema, type SessionStatus } from './console-contract';
import { planSession } from './documents';
import { loadSessionPreferences, runAsFor } from './preferences';
import { readRecordingChunks, searchRecording, type TranscriptMatch } from './recording';
import { sessionRelay } from './relay';

/** Reading someone else's recording; outside `opsdeck:View*` and `ssm:Get*` on purpose, as recordings hold what was typed. */
export const GET_RECORDING_ACTION = 'opsdeck:GetSessionRecording';
export const ACTIVE_STATUSES: SessionStatus[] = ['Connected', 'Connecting', 'Disconnected', 'Terminating'];
export const HISTORY_STATUSES: SessionStatus[] = ['Terminated', 'Failed'];

const arnOf = (sessionId: string) => sessionArn(getServerContext().region, getServerContext().accountId, sessionId);

/**
 * `<username>-<17 hex>`, as AWS's session ids: policies can then match a user's own sessions
 * with `session/${aws:username}-*`. Characters the id pattern does not allow become '-'.
 */
export function newSessionId(username: string): string {
  const prefix = username.toLowerCase().replace(/[^a-z0-9._@-]/g, '-').replace(/^[^a-z0-9]/, 'u').slice(0, 64) || 'user';
  return randomResourceId(prefix);
}

export interface StartedSession {
  row: SessionRow;
  /** Only for StartSession through the API: the CLI's credential for the stream. */
  token?: string;
}

export interface StartOptions {
  issueToken?: boolean;
  reason?: string;
}

/**
 * StartSession: authorised with the node's ARN and tags (`ssm:StartSession`), the row stored
 * before the node is asked, then the agent opens the PTY or connection. Refusals and failures
 * are audited like successes.
 */
export async function startSession(caller: Caller, rawInput: unknown, options: StartOptions = {}): Promise<StartedSession> {
  const input = sessionStartSchema.parse(rawInput);
  const resource = nodeArn(getServerContext().region, getServerContext().accountId, input.target);
  const spec = { name: 'StartSession', resources: [resource], parameters: { target: input.target, documentName: input.documentName, parameters: input.parameters, reason: options.reason } };
  return perform(caller, spec, async () => {
    const node = await findManagedNode(input.target).catch(() => {
      throw new OpsdeckError('InvalidTarget', `${input.target} is not a managed node`);
    });
    await authorize(caller, { action: 'ssm:StartSession', resource, resourceTags: node.tags });
    if (node.pingStatus !== 'Online') throw new OpsdeckError('TargetNotConnected', `${input.target} is not connected (${node.pingStatus})`);
    const plan = await planSession(input.documentName, input.parameters);
    const preferences = await loadSessionPreferences();
    const id = newSessionId(caller.username);
    const token = options.issueToken ? newToken() : undefined;
    const startedAt = new Date();
    const [row] = await getDb()
      .insert(sessions)
      .values({
        id,
        nodeId: node.id,
        nodeName: node.name,
        owner: caller.username,
        ownerUserId: caller.userId,
        kind: plan.kind,
        documentName: plan.documentName,
        parameters: plan.parameters,
        runAs: runAsFor(preferences, caller.username),
        startReason: options.reason ?? null,
        sourceIp: caller.sourceIp ?? null,
        tokenHash: token ? hashToken(token) : null,
        startedAt,
      })
      .returning();
    const init = {
      id,
      nodeId: node.id,
      owner: caller.username,
      ownerUserId: caller.userId,
      kind: plan.kind,
      runAs: row!.runAs,
      startedAt,
      cols: input.cols,
      rows: input.rows,
      idleMs: preferences.idleTimeoutMinutes * 60_000,
      maxMs: preferences.maxDurationMinutes * 60_000,
      graceMs: preferences.gracePeriodMinutes * 60_000,
    };
    const open = {
      sessionId: id,
      kind: plan.kind,
      runAs: row!.runAs,
      cols: input.cols,
      rows: input.rows,
      command: plan.command,
      host: plan.host,
      port: plan.port,
      shellProfile: plan.kind === 'shell' ? preferences.shellProfile : undefined,
      graceSeconds: Math.round(preferences.gracePeriodMinutes * 60),
    };
    const answer = await sessionRelay()
      .open(init, open)
      // The row must not stay Connecting for ever when the relay itself fails.
      .catch((error: Error) => ({ ok: false as const, error: 'InternalServerError', message: `the session could not be opened: ${error.message}` }));
    if (!answer.ok) {
      await getDb().update(sessions).set({ status: 'Failed', reason: answer.message, endedAt: new Date(), tokenHash: null }).where(eq(sessions.id, id));
      throw new OpsdeckError(answer.error === 'NodeNotConnected' ? 'TargetNotConnected' : answer.error, answer.message);
    }
    const [started] = await getDb().update(sessions).set({ runAs: answer.runAs }).where(eq(sessions.id, id)).returning();
    return { row: started!, token };
  });
}

export async function findSession(sessionId: string): Promise<SessionRow> {
  const [row] = await getDb().select().from(sessions).where(eq(sessions.id, sessionId));
  if (!row) throw new OpsdeckError('DoesNotExistException', `Session ${sessionId} does not exist`, 404);
  return row;
}

/** TerminateSession: an administrator any session, a user their own (policies decide, with the session's ARN). */
export function terminateSession(caller: Caller, sessionId: string): Promise<{ sessionId: string }> {
  return perform(caller, { name: 'TerminateSession', iamAction: 'ssm:TerminateSession', resources: [arnOf(sessionId)], parameters: { sessionId } }, async () => {
    const row = await findSession(sessionId);
    const reason = `terminated by ${caller.username}`;
    const wasLive = await sessionRelay().terminate(sessionId, reason);
    // A row left live by a relay that is gone is ended here; an ended session stays as it ended (AWS answers alike).
    if (!wasLive && ACTIVE_STATUSES.includes(row.status)) {
      await getDb().update(sessions).set({ status: 'Terminated', reason, endedAt: new Date(), tokenHash: null }).where(eq(sessions.id, sessionId));
    }
    return { sessionId };
  });
}

/**
 * May this caller attach to the session? Its owner only (another user's shell is theirs, even for
 * an administrator, who may terminate it or read its recording instead); reattaching (any attach
 * after the first) also needs ssm:ResumeSession, as AWS's ResumeSession does.
 */
export async function authorizeAttach(caller: Caller, sessionId: string): Promise<SessionRow> {
  const row = await findSession(sessionId);
  if (row.owner !== caller.username) throw new OpsdeckError('AccessDeniedException', `Session ${sessionId} belongs to ${row.owner}; only its owner may attach to it`);
  if (row.attachCount > 0) await authorize(caller, { action: 'ssm:ResumeSession', resource: arnOf(sessionId) });
  return row;
}

/** The CLI's stream credential: the token StartSession or ResumeSession issued, for this one session. */
export async function authenticateStreamToken(sessionId: string, token: string): Promise<SessionRow> {
  const row = await findSession(sessionId).catch(() => undefined);
  if (!row?.tokenHash || !tokenMatches(token, row.tokenHash)) throw new OpsdeckError('InvalidToken', 'the session token is not valid for this session', 401);
  if (!ACTIVE_STATUSES.includes(row.status)) throw new OpsdeckError('InvalidSession', `session ${sessionId} has ended`, 404);
  return row;
}

/** ResumeSession: a fresh token for the owner's live session (the old one stops working). */
export function resumeSession(caller: Caller, sessionId: string): Promise<{ row: SessionRow; token: string }> {
  return perform(caller, { name: 'ResumeSession', iamAction: 'ssm:ResumeSession', resources: [arnOf(sessionId)], parameters: { sessionId } }, async () => {
    const row = await findSession(sessionId);
    if (row.owner !== caller.username) throw new OpsdeckError('AccessDeniedException', `Session ${sessionId} belongs to ${row.owner}; only its owner may resume it`);
    if (!ACTIVE_STATUSES.includes(row.status) || !sessionRelay().isLive(sessionId)) throw new OpsdeckError('InvalidSession', `session ${sessionId} has ended and cannot be resumed`);
    const token = newToken();
    await getDb().update(sessions).set({ tokenHash: hashToken(token) }).where(eq(sessions.id, sessionId));
    return { row, token };
  });
}

// ---- listing ---------------------------------------------------------------------------------

export interface SessionQuery {
  state: 'Active' | 'History';
  target?: string;
  owner?: string;
  sessionId?: string;
  status?: string;
  invokedAfter?: Date;
  invokedBefore?: Date;
  maxResults: number;
  offset: number;
}

/** DescribeSessions and the console's list: newest first. */
export function querySessions(caller: Caller, query: SessionQuery): Promise<{ rows: SessionRow[]; hasMore: boolean }> {
  return perform(caller, { name: 'DescribeSessions', iamAction: 'ssm:DescribeSessions', parameters: query, isAudited: false }, async () => {
    const conditions: SQL[] = [inArray(sessions.status, query.state === 'Active' ? ACTIVE_STATUSES : HISTORY_STATUSES)];
    if (query.target) conditions.push(eq(sessions.nodeId, query.target));
    if (query.owner) conditions.push(eq(sessions.owner, query.owner.replace(/^arn:[^:]*:iam::[^:]*:user\//, '')));
    if (query.sessionId) conditions.push(eq(sessions.id, query.sessionId));
    if (query.status) conditions.push(eq(sessions.status, query.status as SessionStatus));
    if (query.invokedAfter) conditions.push(gte(sessions.startedAt, query.invokedAfter));
    if (query.invokedBefore) conditions.push(lte(sessions.startedAt, query.invokedBefore));
    const rows = await getDb()
      .select()
      .from(sessions)
      .where(and(...conditions))
      .orderBy(desc(sessions.startedAt), desc(sessions.id))
      .limit(query.maxResults + 1)
      .offset(query.offset);
    return { rows: rows.slice(0, query.maxResults), hasMore: rows.length > query.maxResults };
  });
}

/** One row as the console's list and detail show it (the shape in the console contract's README section). */
export interface SessionView {
  sessionId: string;
  target: string;
  nodeName: string;
  owner: string;
  status: SessionStatus;
  startDate: string;
  endDate?: string;
  reason?: string;
  sourceIp?: string;
  documentName: string;
  runAs: string;
  kind: SessionKind;
  canTerminate: boolean;
  canResume: boolean;
}

export async function toSessionViews(caller: Caller, rows: SessionRow[]): Promise<SessionView[]> {
  const requests: Record<string, AuthorizationRequest> = {};
  for (const row of rows) {
    requests[`t:${row.id}`] = { action: 'ssm:TerminateSession', resource: arnOf(row.id) };
    requests[`r:${row.id}`] = { action: 'ssm:ResumeSession', resource: arnOf(row.id) };
  }
  const allowed = await allowedActions(caller, requests);
  return rows.map((row) => {
    const isActive = ACTIVE_STATUSES.includes(row.status);
    return {
      sessionId: row.id,
      target: row.nodeId,
      nodeName: row.nodeName,
      owner: row.owner,
      status: row.status,
      startDate: row.startedAt.toISOString(),
      endDate: row.endedAt?.toISOString(),
      reason: row.reason ?? undefined,
      sourceIp: row.sourceIp ?? undefined,
      documentName: row.documentName,
      runAs: row.runAs,
      kind: row.kind as SessionKind,
      canTerminate: isActive && allowed[`t:${row.id}`] === true,
      canResume: isActive && row.owner === caller.username && (row.attachCount === 0 || allowed[`r:${row.id}`] === true),
    };
  });
}

/** The console's detail: DescribeSessions' permission, or the owner looking at their own. */
export async function getSessionView(caller: Caller, sessionId: string): Promise<SessionView> {
  const row = await findSession(sessionId);
  if (row.owner !== caller.username) await authorize(caller, { action: 'ssm:DescribeSessions', resource: '*' });
  return (await toSessionViews(caller, [row]))[0]!;
}

/** AWS's Session shape for DescribeSessions. */
export function toAwsSession(row: SessionRow) {
  const { accountId } = getServerContext();
  return {
    SessionId: row.id,
    Target: row.nodeId,
    Status: row.status,
    StartDate: row.startedAt,
    EndDate: row.endedAt ?? undefined,
    DocumentName: row.documentName,
    Owner: userArn(accountId, row.owner),
    Reason: row.startReason ?? undefined,
    // Opsdeck's own: who it ran as, what it was, from where, and why it ended.
    Details: [`runAs=${row.runAs}`, `kind=${row.kind}`, row.sourceIp ? `sourceIp=${row.sourceIp}` : '', row.reason ? `ended: ${row.reason}` : ''].filter(Boolean).join('; '),
  };
}

// ---- recordings ------------------------------------------------------------------------------

async function authorizeRecording(caller: Caller, row: SessionRow): Promise<void> {
  if (row.owner !== caller.username) await authorize(caller, { action: GET_RECORDING_ACTION, resource: arnOf(row.id) });
}

/** The asciicast v2 text, chunk by chunk. Audited: who watched which session is part of the record. */
export function getSessionRecording(caller: Caller, sessionId: string): Promise<AsyncGenerator<string>> {
  return perform(caller, { name: 'GetSessionRecording', resources: [arnOf(sessionId)], parameters: { sessionId } }, async () => {
    const row = await findSession(sessionId);
    await authorizeRecording(caller, row);
    // A live session's latest events are still in memory: write them out first.
    if (sessionRelay().isLive(sessionId)) await sessionRelay().flushRecording(sessionId);
    return readRecordingChunks(sessionId);
  });
}

export interface RecordingSearchResult {
  sessionId: string;
  target: string;
  owner: string;
  startDate: string;
  matches: TranscriptMatch[];
}

/** Sessions a search reads at most, newest first. */
export const SEARCH_SESSION_LIMIT = 200;

/**
 * Text search across the recordings this caller may read. Recordings are encrypted at rest, so
 * there is no index to ask: each candidate recording is decrypted and scanned on the server. The
 * cost is one AES-GCM decryption and a scan per 256 KiB of recording, for up to the newest
 * SEARCH_SESSION_LIMIT sessions — fine for a few hundred MB of history, not for years of it
 * (that would want a search index kept encrypted per tenant, deliberately not built here).
 */
export function searchSessionRecordings(caller: Caller, query: string): Promise<RecordingSearchResult[]> {
  return perform(caller, { name: 'SearchSessionRecordings', parameters: { query } }, async () => {
    const text = query.trim();
    if (text.length < 2 || text.length > 200) throw validationError('q: search for 2 to 200 characters');
    const candidates = await getDb()
      .select()
      .from(sessions)
      .where(gt(sessions.recordingChunks, 0))
      .orderBy(desc(sessions.startedAt))
      .limit(SEARCH_SESSION_LIMIT);
    const requests = Object.fromEntries(candidates.map((row) => [row.id, { action: GET_RECORDING_ACTION, resource: arnOf(row.id) }]));
    const allowed = await allowedActions(caller, requests as Record<string, AuthorizationRequest>);
    const results: RecordingSearchResult[] = [];
    for (const row of candidates) {
      if (row.owner !== caller.username && !allowed[row.id]) continue;
      const matches = await searchRecording(row.id, text);
      if (matches.length > 0) results.push({ sessionId: row.id, target: row.nodeId, owner: row.owner, startDate: row.startedAt.toISOString(), matches });
    }
    return results;
  });
}

/** Retention: recordings of sessions that ended more than `days` ago are deleted (the session rows stay, as history). */
export async function deleteExpiredRecordings(days: number): Promise<number> {
  const before = new Date(Date.now() - days * 86_400_000);
  const expired = getDb().select({ id: sessions.id }).from(sessions).where(lte(sessions.endedAt, before));
  const deleted = await getDb().delete(sessionRecordings).where(inArray(sessionRecordings.sessionId, expired)).returning({ sessionId: sessionRecordings.sessionId });
  return deleted.length;
}

// ---- file transfer ---------------------------------------------------------------------------

async function liveOwnSession(caller: Caller, sessionId: string): Promise<SessionRow> {
  const row = await findSession(sessionId);
  if (row.owner !== caller.username) throw new OpsdeckError('AccessDeniedException', `Session ${sessionId} belongs to ${row.owner}; files travel only through your own sessions`);
  if (row.kind !== 'shell' && row.kind !== 'command') throw validationError('files travel through shell sessions only');
  if (!sessionRelay().isLive(sessionId)) throw new OpsdeckError('InvalidSession', `session ${sessionId} is not active`);
  return row;
}

function agentFailure(answer: SessionFileAnswer): OpsdeckError {
  const failed = answer as { error: string; message: string };
  const status = failed.error === 'FileNotFound' ? 404 : failed.error === 'NodePermissionDenied' ? 403 : 400;
  return new OpsdeckError(failed.error, failed.message, status);
}

/**
 * Upload: the body streamed to the agent in 512 KiB chunks, written on the node as the session's
 * OS user (so the node's permissions apply). Audited with the path and size.
 */
export function uploadSessionFile(caller: Caller, sessionId: string, rawPath: string, body: ReadableStream<Uint8Array>): Promise<{ path: string; bytes: number }> {
  const checked = checkNodePath(rawPath);
  return perform(caller, { name: 'UploadSessionFile', resources: [arnOf(sessionId)], parameters: { sessionId, path: checked.ok ? checked.path : rawPath } }, async () => {
    if (!checked.ok) throw validationError(`path: ${checked.reason}`);
    await liveOwnSession(caller, sessionId);
    let offset = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const send = async (isLast: boolean) => {
      const data = Buffer.concat(pending, pendingBytes);
      if (data.length === 0 && !(isLast && offset === 0)) return;
      const answer = await sessionRelay().requestFile<SessionFileAnswer>(sessionId, 'session:file-write', { path: checked.path, offset, data, isFirst: offset === 0 });
      if (!answer.ok) throw agentFailure(answer);
      offset += data.length;
      pending = [];
      pendingBytes = 0;
    };
    for await (const piece of body as unknown as AsyncIterable<Uint8Array>) {
      let rest = Buffer.from(piece);
      while (rest.length > 0) {
        const take = Math.min(rest.length, SESSION_FILE_CHUNK_BYTES - pendingBytes);
        pending.push(rest.subarray(0, take));
        pendingBytes += take;
        rest = rest.subarray(take);
        if (pendingBytes === SESSION_FILE_CHUNK_BYTES) await send(false);
      }
    }
    await send(true);
    return { path: checked.path, bytes: offset };
  });
}

/** Download: the first chunk read before answering (so refusals are errors), the rest pulled as the client reads. */
export function downloadSessionFile(caller: Caller, sessionId: string, rawPath: string): Promise<{ path: string; body: ReadableStream<Uint8Array> }> {
  const checked = checkNodePath(rawPath);
  return perform(caller, { name: 'DownloadSessionFile', resources: [arnOf(sessionId)], parameters: { sessionId, path: checked.ok ? checked.path : rawPath } }, async () => {
    if (!checked.ok) throw validationError(`path: ${checked.reason}`);
    await liveOwnSession(caller, sessionId);
    const read = async (offset: number) => {
      const answer = await sessionRelay().requestFile<SessionFileAnswer>(sessionId, 'session:file-read', { path: checked.path, offset, length: SESSION_FILE_CHUNK_BYTES });
      if (!answer.ok) throw agentFailure(answer);
      return { data: Buffer.from(answer.data ?? new Uint8Array()), eof: answer.eof === true };
    };
    let next: { data: Buffer; eof: boolean } | undefined = await read(0);
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const chunk = next ?? (await read(offset));
          next = undefined;
          offset += chunk.data.length;
          if (chunk.data.length > 0) controller.enqueue(new Uint8Array(chunk.data));
          if (chunk.eof) controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
    });
    return { path: checked.path, body };
  });
}
