import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { groupMembers, groups, policyAttachments, users } from '@/db/schema';
import { ALL, writeAndInvalidate } from '@/server/cache/invalidation';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, notFound } from '@/server/errors';
import { groupArn } from './arn';
import { POLICY_TOPIC } from './cache-topics';
import type { Caller } from './caller';
import { groupNameSchema } from './names';
import { perform } from './perform';
import { findUserByName } from './users';

// Qualified on purpose: inside the correlated subqueries a bare "id" would bind to the inner table.
const outerGroupsId = sql`${groups}.${sql.identifier('id')}`;

export const createGroupInput = z.object({ name: groupNameSchema, description: z.string().trim().max(256).default('') });

const arnOf = (name: string) => groupArn(getServerContext().accountId, name);

export async function findGroupByName(name: string) {
  const [group] = await getDb().select().from(groups).where(eq(groups.name, name));
  if (!group) throw notFound('NoSuchEntity', `the group with name ${name} cannot be found`);
  return group;
}

export async function createGroup(caller: Caller, input: z.input<typeof createGroupInput>) {
  const parsed = createGroupInput.parse(input);
  return perform(caller, { name: 'CreateGroup', iamAction: 'iam:CreateGroup', resources: [arnOf(parsed.name)], parameters: parsed }, async () => {
    const [created] = await getDb().insert(groups).values(parsed).onConflictDoNothing().returning();
    if (!created) throw new OpsdeckError('EntityAlreadyExists', `a group named ${parsed.name} already exists`, 409);
    return created;
  });
}

export async function listGroups(caller: Caller) {
  return perform(caller, { name: 'ListGroups', iamAction: 'iam:ListGroups', isAudited: false }, () =>
    getDb()
      .select({
        groupId: groups.id,
        name: groups.name,
        description: groups.description,
        createdAt: groups.createdAt,
        members: sql<string[]>`coalesce((select array_agg(u.username order by u.username) from ${groupMembers} m join ${users} u on u.id = m.user_id where m.group_id = ${outerGroupsId}), '{}')`,
        policies: sql<string[]>`coalesce((select array_agg(p.name order by p.name) from ${policyAttachments} a join policies p on p.id = a.policy_id where a.principal_type = 'group' and a.principal_id = ${outerGroupsId}), '{}')`,
      })
      .from(groups)
      .orderBy(groups.name),
  );
}

export async function deleteGroup(caller: Caller, name: string) {
  return perform(caller, { name: 'DeleteGroup', iamAction: 'iam:DeleteGroup', resources: [arnOf(name)], parameters: { name } }, async () => {
    const group = await findGroupByName(name);
    // Its members lose the group's policies; who they are is not worth a query for a rare change.
    await writeAndInvalidate(getDb(), POLICY_TOPIC, [ALL], async (tx) => {
      await tx.delete(policyAttachments).where(and(eq(policyAttachments.principalType, 'group'), eq(policyAttachments.principalId, group.id)));
      await tx.delete(groups).where(eq(groups.id, group.id));
    });
  });
}

export async function addUserToGroup(caller: Caller, groupName: string, username: string) {
  return perform(caller, { name: 'AddUserToGroup', iamAction: 'iam:AddUserToGroup', resources: [arnOf(groupName)], parameters: { groupName, username } }, async () => {
    const [group, user] = await Promise.all([findGroupByName(groupName), findUserByName(username)]);
    await writeAndInvalidate(getDb(), POLICY_TOPIC, [user.id], (tx) => tx.insert(groupMembers).values({ groupId: group.id, userId: user.id }).onConflictDoNothing());
  });
}

export async function removeUserFromGroup(caller: Caller, groupName: string, username: string) {
  return perform(caller, { name: 'RemoveUserFromGroup', iamAction: 'iam:RemoveUserFromGroup', resources: [arnOf(groupName)], parameters: { groupName, username } }, async () => {
    const [group, user] = await Promise.all([findGroupByName(groupName), findUserByName(username)]);
    await writeAndInvalidate(getDb(), POLICY_TOPIC, [user.id], (tx) => tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, user.id))));
  });
}
