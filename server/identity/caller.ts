import { randomUUID } from 'node:crypto';

/** Who is asking, and through which door: passed to every service that acts or decides. */
export interface Caller {
  userId: string;
  username: string;
  source: 'console' | 'api' | 'agent' | 'system';
  accessKeyId?: string;
  sourceIp?: string;
  userAgent?: string;
  requestId: string;
}

/** The server acting on its own behalf (first-start enrolment of the local machine, sweeps). */
export function systemCaller(): Caller {
  return { userId: '00000000-0000-0000-0000-000000000000', username: 'opsdeck-system', source: 'system', requestId: randomUUID() };
}

export function isSystemCaller(caller: Caller): boolean {
  return caller.source === 'system';
}

/**
 * Work the server does later on a user's behalf (a runbook step, an association run, a window
 * task): it acts with that user's permissions, through the API door so every call is audited as
 * them, and says in its user agent which capability and which resource it was.
 */
export function actingAs(user: { userId: string; username: string }, on: string): Caller {
  return { userId: user.userId, username: user.username, source: 'api', requestId: randomUUID(), userAgent: `opsdeck-${on}` };
}
