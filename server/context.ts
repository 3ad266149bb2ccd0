import type { Database } from '@/db/client';

/** What the console route handlers (bundled by Next) share with the server process. */
export interface ServerContext {
  db: Database;
  /** Pushes a fleet event to every console allowed to see the fleet, on every replica. */
  broadcast(event: string, payload: unknown): void;
  /** Closes the live sockets of revoked console sessions (ids are token hashes). */
  disconnectConsoleSessions(sessionIds: string[]): void;
  /** Closes the agent connection of a node, on whichever replica holds it. */
  disconnectAgent(nodeId: string): void;
  region: string;
  /** The install's 12-digit account id, in every ARN. */
  accountId: string;
  /** Wraps the data keys of every secret stored at rest (server/crypto/envelope.ts). */
  masterKey: Buffer;
  heartbeatSeconds: number;
}

// Next bundles route handlers into their own module graph, so a module-level variable here would
// exist twice; the process-wide global is the one place both graphs see.
const KEY = Symbol.for('opsdeck.server-context');
type GlobalWithContext = typeof globalThis & { [KEY]?: ServerContext };

export function setServerContext(context: ServerContext): void {
  (globalThis as GlobalWithContext)[KEY] = context;
}

export function getServerContext(): ServerContext {
  const context = (globalThis as GlobalWithContext)[KEY];
  if (!context) throw new Error('Opsdeck server context is not initialised (start with `npm start`)');
  return context;
}

export function getDb(): Database {
  return getServerContext().db;
}
