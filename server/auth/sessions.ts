import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { consoleSessions, users } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, isOpsdeckError, notSignedIn } from '@/server/errors';
import { recordAuditEvent } from '@/server/audit/service';
import { verifyPassword } from './passwords';
import { clearFailedSignIns, recordFailedSignIn, refuseIfThrottled } from './throttle';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'opsdeck_session';
const SESSION_HOURS = 12;

export interface Identity {
  userId: string;
  username: string;
}

export const signInInput = z.object({
  username: z.string().trim().min(1, 'enter your user name').max(128),
  password: z.string().min(1, 'enter your password').max(1024),
});

export interface SignInContext {
  sourceIp?: string;
  userAgent?: string;
}

/** Checks the password and opens a console session; every attempt is in the audit trail (ConsoleLogin, as CloudTrail names it). */
export async function signIn(input: z.infer<typeof signInInput>, context: SignInContext) {
  const auditCaller = { source: 'console' as const, requestId: randomUUID(), username: input.username, ...context };
  try {
    const session = await openSession(input, context);
    await recordAuditEvent({ ...auditCaller, userId: session.identity.userId }, { action: 'ConsoleLogin', result: 'Success' });
    return session;
  } catch (error) {
    await recordAuditEvent(auditCaller, {
      action: 'ConsoleLogin',
      result: 'Failure',
      errorCode: isOpsdeckError(error) ? error.code : 'InternalServerError',
      errorMessage: (error as Error).message,
    });
    throw error;
  }
}

async function openSession(input: z.infer<typeof signInInput>, context: SignInContext) {
  const db = getDb();
  const throttleKeys = [`user:${input.username}`, ...(context.sourceIp ? [`ip:${context.sourceIp}`] : [])];
  await refuseIfThrottled(throttleKeys);
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
  const isValid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isValid) {
    await recordFailedSignIn(throttleKeys);
    throw new OpsdeckError('InvalidCredentials', 'The user name or password is not correct', 401);
  }
  await clearFailedSignIns(`user:${input.username}`);
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.insert(consoleSessions).values({
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt,
    sourceIp: context.sourceIp,
    userAgent: context.userAgent?.slice(0, 512),
  });
  return { token, expiresAt, identity: { userId: user.id, username: user.username } };
}

export async function signOut(token: string): Promise<void> {
  await getDb()
    .update(consoleSessions)
    .set({ revokedAt: new Date() })
    .where(eq(consoleSessions.tokenHash, hashToken(token)));
  getServerContext().disconnectConsoleSessions([hashToken(token)]);
}

export async function findIdentityBySessionToken(token: string | undefined): Promise<Identity | null> {
  if (!token) return null;
  const [row] = await getDb()
    .select({ userId: users.id, username: users.username })
    .from(consoleSessions)
    .innerJoin(users, eq(users.id, consoleSessions.userId))
    .where(
      and(
        eq(consoleSessions.tokenHash, hashToken(token)),
        isNull(consoleSessions.revokedAt),
        gt(consoleSessions.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

export async function requireIdentity(token: string | undefined): Promise<Identity> {
  const identity = await findIdentityBySessionToken(token);
  if (!identity) throw notSignedIn();
  return identity;
}

// scrypt of a random password: same cost as a real check.
const DUMMY_HASH =
  'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$Jx9WcPzGKJmGHdJSWVdNv5CqKkVw0nxgYhN8mCkZ5YU=';
