import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { SESSION_CHUNK_BYTES } from '@/agent/protocol';
import { getServerContext } from '@/server/context';
import { OpsdeckError, isOpsdeckError } from '@/server/errors';
import { sessionArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { stampSourceIp } from '@/server/http/source-ip';
import { SESSION_EVENTS, sessionAckSchema, sessionAttachSchema, sessionIdOnlySchema, sessionIdSchema, sessionResizeSchema, type SessionAttachAnswer, type SessionStartAnswer } from './console-contract';
import { maybeSessionRelay, sessionRelay, type RelayClient } from './relay';
import { authenticateStreamToken, authorizeAttach, startSession, terminateSession } from './service';

/** The CLI's namespace: one session per connection, authenticated by the token StartSession issued. */
export const SESSION_STREAM_NAMESPACE = '/session-stream';

type Reply = (answer: unknown) => void;

/** Input as text (xterm's onData) or bytes (the CLI, pastes of binary, port forwarding). */
const inputSchema = z.object({
  sessionId: sessionIdSchema,
  data: z.union([z.string().max(1024 * 1024), z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.byteLength <= 4 * SESSION_CHUNK_BYTES)]),
  /** Input flow control (console-contract.ts, MAX_UNACKED_INPUT_BYTES). */
  seq: z.number().int().min(0).optional(),
});

function failure(error: unknown): { ok: false; error: string; message: string } {
  if (isOpsdeckError(error)) return { ok: false, error: error.code, message: error.message };
  if (error instanceof z.ZodError) return { ok: false, error: 'ValidationException', message: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  console.error('[sessions] socket handler failed:', error);
  return { ok: false, error: 'InternalServerError', message: 'the server hit an unexpected error; it has been logged' };
}

const replyOf = (ack: unknown): Reply => (typeof ack === 'function' ? (ack as Reply) : () => {});

function clientOf(socket: Socket): RelayClient {
  return { id: socket.id, emit: (event, payload) => socket.emit(event, payload) };
}

/** Attach is audited: who joined which session, from where (a reattach is how a session is resumed). */
function attach(caller: Caller, client: RelayClient, raw: unknown, check: (sessionId: string) => Promise<unknown>): Promise<SessionAttachAnswer> {
  const parsed = sessionAttachSchema.safeParse(raw);
  if (!parsed.success) return Promise.resolve(failure(parsed.error));
  const { sessionId, fromSeq, cols, rows } = parsed.data;
  const { region, accountId } = getServerContext();
  return perform(caller, { name: 'AttachSession', resources: [sessionArn(region, accountId, sessionId)], parameters: { sessionId, fromSeq } }, async () => {
    await check(sessionId);
    return sessionRelay().attach(client, sessionId, fromSeq, { cols, rows });
  }).then(
    (result): SessionAttachAnswer => ({ ok: true, status: result.status, idleTimeoutSeconds: result.idleTimeoutSeconds, maxDurationSeconds: result.maxDurationSeconds, nodeId: result.nodeId, runAs: result.runAs }),
    failure,
  );
}

/** input, resize, ack, detach: the same for a browser tab and the CLI. */
function handleStream(socket: Socket, client: RelayClient, isAllowed: (sessionId: string) => boolean): void {
  const relay = () => sessionRelay();
  socket.on(SESSION_EVENTS.input, (raw: unknown) => {
    const parsed = inputSchema.safeParse(raw);
    if (!parsed.success || !isAllowed(parsed.data.sessionId) || !relay().isAttached(client, parsed.data.sessionId)) return;
    const data = typeof parsed.data.data === 'string' ? parsed.data.data : Buffer.from(parsed.data.data);
    try {
      relay().input(client, parsed.data.sessionId, data, parsed.data.seq);
    } catch {
      // The session ended between the check and the write; the client hears it through session:status.
    }
  });
  socket.on(SESSION_EVENTS.resize, (raw: unknown) => {
    const parsed = sessionResizeSchema.safeParse(raw);
    if (!parsed.success || !isAllowed(parsed.data.sessionId) || !relay().isAttached(client, parsed.data.sessionId)) return;
    try {
      relay().resize(client, parsed.data.sessionId, parsed.data.cols, parsed.data.rows);
    } catch {
      // As for input.
    }
  });
  socket.on(SESSION_EVENTS.ack, (raw: unknown) => {
    const parsed = sessionAckSchema.safeParse(raw);
    if (parsed.success) relay().ack(client, parsed.data.sessionId, parsed.data.seq);
  });
  socket.on(SESSION_EVENTS.detach, (raw: unknown) => {
    const parsed = sessionIdOnlySchema.safeParse(raw);
    if (parsed.success) relay().detach(client, parsed.data.sessionId);
  });
  socket.on('disconnect', () => {
    // No relay: the server is stopping.
    maybeSessionRelay()?.detachEverywhere(client);
  });
}

/** Session Manager's events on a signed-in browser's /console socket (see console-contract.ts). */
export function registerConsoleSessionHandlers(socket: Socket, caller: Caller): void {
  const client = clientOf(socket);
  socket.on(SESSION_EVENTS.start, (raw: unknown, ack: unknown) => {
    const reply = replyOf(ack);
    // The socket's own address: the handshake's caller was stamped when the socket connected.
    startSession({ ...caller, requestId: randomUUID() }, raw).then(
      ({ row }) => reply({ ok: true, sessionId: row.id } satisfies SessionStartAnswer),
      (error: unknown) => reply(failure(error)),
    );
  });
  socket.on(SESSION_EVENTS.attach, (raw: unknown, ack: unknown) => {
    void attach({ ...caller, requestId: randomUUID() }, client, raw, (sessionId) => authorizeAttach(caller, sessionId)).then(replyOf(ack));
  });
  socket.on(SESSION_EVENTS.terminate, (raw: unknown, ack: unknown) => {
    const reply = replyOf(ack);
    const parsed = sessionIdOnlySchema.safeParse(raw);
    if (!parsed.success) return reply(failure(parsed.error));
    terminateSession({ ...caller, requestId: randomUUID() }, parsed.data.sessionId).then(() => reply({ ok: true }), (error: unknown) => reply(failure(error)));
  });
  handleStream(socket, client, () => true);
}

const streamAuthSchema = z.object({ sessionId: sessionIdSchema, token: z.string().min(16).max(256) });

/**
 * The CLI's stream (`npm run opsdeck -- session ...`): the StreamUrl StartSession answers. The
 * token authenticates one session and acts for the user who started it.
 */
export function registerSessionStreamNamespace(namespace: Namespace): void {
  namespace.use(async (socket, next) => {
    const auth = streamAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('InvalidToken'));
    try {
      const row = await authenticateStreamToken(auth.data.sessionId, auth.data.token);
      const caller: Caller = {
        userId: row.ownerUserId,
        username: row.owner,
        source: 'api',
        sourceIp: stampSourceIp(socket.request),
        userAgent: socket.handshake.headers['user-agent'],
        requestId: randomUUID(),
      };
      socket.data.caller = caller;
      socket.data.sessionId = row.id;
      next();
    } catch (error) {
      next(new Error(isOpsdeckError(error) ? error.code : 'ServiceUnavailable'));
    }
  });
  namespace.on('connection', (socket) => {
    const caller = socket.data.caller as Caller;
    const sessionId = socket.data.sessionId as string;
    const client = clientOf(socket);
    const isOwnSession = (id: string) => id === sessionId;
    socket.on(SESSION_EVENTS.attach, (raw: unknown, ack: unknown) => {
      void attach({ ...caller, requestId: randomUUID() }, client, raw, async (id) => {
        if (!isOwnSession(id)) throw new OpsdeckError('AccessDeniedException', 'this stream is for another session');
      }).then(replyOf(ack));
    });
    socket.on(SESSION_EVENTS.terminate, (raw: unknown, ack: unknown) => {
      const reply = replyOf(ack);
      const parsed = sessionIdOnlySchema.safeParse(raw);
      if (!parsed.success || !isOwnSession(parsed.data.sessionId)) return reply({ ok: false, error: 'AccessDeniedException', message: 'this stream is for another session' });
      terminateSession({ ...caller, requestId: randomUUID() }, sessionId).then(() => reply({ ok: true }), (error: unknown) => reply(failure(error)));
    });
    handleStream(socket, client, isOwnSession);
  });
}
