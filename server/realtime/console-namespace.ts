import type { Server } from 'socket.io';
import { parseCookie } from 'cookie';
import { SESSION_COOKIE, findIdentityBySessionToken } from '@/server/auth/sessions';

export const CONSOLE_NAMESPACE = '/console';

/** Live updates for signed-in browsers; the session cookie rides the handshake. */
export function registerConsoleNamespace(io: Server): void {
  const namespace = io.of(CONSOLE_NAMESPACE);
  namespace.use(async (socket, next) => {
    try {
      const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const identity = await findIdentityBySessionToken(token);
      if (!identity) return next(new Error('UnrecognizedClientException'));
      socket.data.identity = identity;
      next();
    } catch {
      next(new Error('ServiceUnavailable'));
    }
  });
}
