import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import { parseCookie } from 'cookie';
import { SESSION_COOKIE, findIdentityBySessionToken } from '@/server/auth/sessions';
import { hashToken } from '@/server/auth/tokens';
import { isAllowed } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { stampSourceIp } from '@/server/http/source-ip';
import { registerConsoleSessionHandlers } from '@/server/sessions/socket-handlers';

export const CONSOLE_NAMESPACE = '/console';
/** Consoles allowed to see node changes (ssm:DescribeInstanceInformation). */
export const FLEET_ROOM = 'fleet';
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Consoles watching one command's live output and status. */
export const commandRoom = (commandId: string) => `command:${commandId}`;
const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Live updates for signed-in browsers. The session cookie rides the handshake; each socket joins
 * only the rooms its user may read, and a room per console session so revoking the session
 * closes its sockets too.
 */
export function registerConsoleNamespace(io: Server): void {
  const namespace = io.of(CONSOLE_NAMESPACE);
  namespace.use(async (socket, next) => {
    try {
      const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const identity = await findIdentityBySessionToken(token);
      if (!identity || !token) return next(new Error('UnrecognizedClientException'));
      const caller: Caller = {
        ...identity,
        source: 'console',
        sourceIp: stampSourceIp(socket.request),
        userAgent: socket.handshake.headers['user-agent'],
        requestId: randomUUID(),
      };
      const rooms = [sessionRoom(hashToken(token))];
      if (await isAllowed(caller, { action: 'ssm:DescribeInstanceInformation', resource: '*' })) rooms.push(FLEET_ROOM);
      socket.data.rooms = rooms;
      socket.data.caller = caller;
      next();
    } catch {
      next(new Error('ServiceUnavailable'));
    }
  });
  namespace.on('connection', (socket) => {
    void socket.join(socket.data.rooms as string[]);
    // Live output is as sensitive as the output itself: the same permission as reading it.
    socket.on('command:watch', async (commandId: unknown, ack?: (answer: { ok: boolean; error?: string }) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (typeof commandId !== 'string' || !COMMAND_ID.test(commandId)) return reply({ ok: false, error: 'not a command id' });
      const allowed = await isAllowed(socket.data.caller as Caller, { action: 'ssm:ListCommandInvocations', resource: '*' }).catch(() => false);
      if (!allowed) return reply({ ok: false, error: 'AccessDeniedException: you may not read command invocations' });
      await socket.join(commandRoom(commandId));
      reply({ ok: true });
    });
    socket.on('command:unwatch', (commandId: unknown) => {
      if (typeof commandId === 'string' && COMMAND_ID.test(commandId)) void socket.leave(commandRoom(commandId));
    });
    // Session Manager (server/sessions/console-contract.ts): start, attach, input, resize, ack, terminate.
    registerConsoleSessionHandlers(socket, socket.data.caller as Caller);
  });
}
