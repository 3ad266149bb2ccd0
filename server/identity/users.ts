import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { accessKeys, consoleSessions, groupMembers, groups, policyAttachments, users } from '@/db/schema';
import { invalidateHere, notifyInvalidation, writeAndInvalidate } from '@/server/cache/invalidation';
import { getDb, getServerContext } from '@/server/context';
import { hashPassword } from '@/server/auth/passwords';
import { OpsdeckError, notFound } from '@/server/errors';
import { userArn } from './arn';
import { ACCESS_KEY_TOPIC, POLICY_TOPIC } from './cache-topics';
import type { Caller } from './caller';
import { passwordSchema, userNameSchema } from './names';
import { perform } from './perform';

// Qualified on purpose: inside the correlated subqueries a bare "id" would bind to the inner table.
const outerUsersId = sql`${users}.${sql.identifier('id')}`;

export const createUserInput = z.object({ username: userNameSchema, password: passwordSchema });

const arnOf = (username: string) => userArn(getServerContext().accountId, username);

export async function findUserByName(username: string) {
  const [user] = await getDb().select().from(users).where(eq(users.username, username));
  if (!user) throw notFound('NoSuchEntity', `the user with name ${username} cannot be found`);
  return user;
}

export async function createUser(caller: Caller, input: z.input<typeof createUserInput>) {
  const parsed = createUserInput.parse(input);
  return perform(caller, { name: 'CreateUser', iamAction: 'iam:CreateUser', resources: [arnOf(parsed.username)], parameters: { username: parsed.username } }, async () => {
    const [created] = await getDb()
      .insert(users)
      .values({ username: parsed.username, passwordHash: await hashPassword(parsed.password) })
      .onConflictDoNothing()
      .returning({ userId: users.id, username: users.username, createdAt: users.createdAt });
    if (!created) throw new OpsdeckError('EntityAlreadyExists', `a user named ${parsed.username} already exists`, 409);
    return created;
  });
}

export async function listUsers(caller: Caller) {
  return perform(caller, { name: 'ListUsers', iamAction: 'iam:ListUsers', isAudited: false }, async () => {
    const db = getDb();
    return db
      .select({
        userId: users.id,
        username: users.username,
        createdAt: users.createdAt,
        groups: sql<string[]>`coalesce((select array_agg(g.name order by g.name) from ${groupMembers} m join ${groups} g on g.id = m.group_id where m.user_id = ${outerUsersId}), '{}')`,
        policies: sql<string[]>`coalesce((select array_agg(p.name order by p.name) from ${policyAttachments} a join policies p on p.id = a.policy_id where a.principal_type = 'user' and a.principal_id = ${outerUsersId}), '{}')`,
        activeAccessKeys: sql<number>`(select count(*)::int from ${accessKeys} k where k.user_id = ${outerUsersId} and k.status = 'Active')`,
      })
      .from(users)
      .orderBy(users.username);
  });
}

export async function deleteUser(caller: Caller, username: string) {
  return perform(caller, { name: 'DeleteUser', iamAction: 'iam:DeleteUser', resources: [arnOf(username)], parameters: { username } }, async () => {
    const user = await findUserByName(username);
    if (user.id === caller.userId) throw new OpsdeckError('DeleteConflict', 'you cannot delete the user you are signed in as', 409);
    // The user's keys go with it (cascade): their cached secrets and the cached policies must too.
    const keyIds = await writeAndInvalidate(getDb(), POLICY_TOPIC, [user.id], async (tx) => {
      const keys = await tx.select({ id: accessKeys.id }).from(accessKeys).where(eq(accessKeys.userId, user.id));
      await tx.delete(policyAttachments).where(and(eq(policyAttachments.principalType, 'user'), eq(policyAttachments.principalId, user.id)));
      await tx.delete(users).where(eq(users.id, user.id));
      await notifyInvalidation(tx, ACCESS_KEY_TOPIC, keys.map((key) => key.id));
      return keys.map((key) => key.id);
    });
    invalidateHere(ACCESS_KEY_TOPIC, keyIds);
  });
}

export async function setUserPassword(caller: Caller, username: string, password: string) {
  const parsedPassword = passwordSchema.parse(password);
  return perform(caller, { name: 'UpdateLoginProfile', iamAction: 'iam:UpdateLoginProfile', resources: [arnOf(username)], parameters: { username, password } }, async () => {
    const user = await findUserByName(username);
    await getDb().transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: await hashPassword(parsedPassword) }).where(eq(users.id, user.id));
      // A new password ends every open console session of that user.
      const revoked = await tx
        .update(consoleSessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(consoleSessions.userId, user.id), isNull(consoleSessions.revokedAt)))
        .returning({ sessionId: consoleSessions.tokenHash });
      getServerContext().disconnectConsoleSessions(revoked.map((session) => session.sessionId));
    });
  });
}

export async function listUserSessions(caller: Caller, username: string) {
  return perform(caller, { name: 'ListSessions', iamAction: 'iam:GetUser', resources: [arnOf(username)], isAudited: false }, async () => {
    const user = await findUserByName(username);
    return getDb()
      .select({ sessionId: consoleSessions.tokenHash, createdAt: consoleSessions.createdAt, expiresAt: consoleSessions.expiresAt, sourceIp: consoleSessions.sourceIp, userAgent: consoleSessions.userAgent })
      .from(consoleSessions)
      .where(and(eq(consoleSessions.userId, user.id), isNull(consoleSessions.revokedAt), gt(consoleSessions.expiresAt, new Date())))
      .orderBy(consoleSessions.createdAt);
  });
}

/** Ends console sessions at once: one (by id) or all of a user's. */
export async function revokeUserSessions(caller: Caller, username: string, sessionId?: string) {
  return perform(caller, { name: 'RevokeSessions', iamAction: 'iam:DeleteLoginProfile', resources: [arnOf(username)], parameters: { username, sessionId } }, async () => {
    const user = await findUserByName(username);
    const revoked = await getDb()
      .update(consoleSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(consoleSessions.userId, user.id), isNull(consoleSessions.revokedAt), sessionId ? eq(consoleSessions.tokenHash, sessionId) : undefined))
      .returning({ sessionId: consoleSessions.tokenHash });
    getServerContext().disconnectConsoleSessions(revoked.map((session) => session.sessionId));
    return { revoked: revoked.length };
  });
}
