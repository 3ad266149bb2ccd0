import { and, eq } from 'drizzle-orm';
import { groupMembers, groups, users } from '@/db/schema';
import { getDb } from '@/server/context';

/** Whether the user belongs to the named Opsdeck group (aws:approve accepts groups as approvers). */
export async function isGroupMember(groupName: string, username: string): Promise<boolean> {
  const rows = await getDb()
    .select({ userId: users.id })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groups.name, groupName), eq(users.username, username)))
    .limit(1);
  return rows.length > 0;
}
