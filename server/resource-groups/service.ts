import { asc, eq, inArray, sql } from 'drizzle-orm';
import { managedNodes, resourceGroups, type ResourceGroup } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError, notFound } from '@/server/errors';
import { toNodeView, type NodeView } from '@/server/fleet/node-view';
import { allowedActions, authorize, isAllowed } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { resourceGroupArn } from './arn';
import { findResourceGroupByName, groupCondition } from './membership';
import {
  createResourceGroupInput,
  membersPageInput,
  resourceGroupNameSchema,
  updateResourceGroupInput,
  type CreateResourceGroupInput,
  type MembersPageInput,
  type UpdateResourceGroupInput,
} from './schemas';

export { resourceGroupArn } from './arn';
export { resolveTargets, targetsCondition } from './targets';
export type { CreateResourceGroupInput, MembersPageInput, Target, UpdateResourceGroupInput } from './schemas';


export interface ResourceGroupView {
  name: string;
  arn: string;
  description: string;
  kind: ResourceGroup['kind'];
  /** For TagQuery groups; `{}` for static ones. */
  tagQuery: Record<string, string[]>;
  /** For Static groups; `[]` for tag queries. */
  nodeIds: string[];
  /** Members right now, Inactive (deregistered) nodes included. */
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

function toView(group: ResourceGroup, memberCount: number): ResourceGroupView {
  return {
    name: group.name,
    arn: resourceGroupArn(group.name),
    description: group.description,
    kind: group.kind,
    tagQuery: group.kind === 'TagQuery' ? group.tagQuery : {},
    nodeIds: group.kind === 'Static' ? group.nodeIds : [],
    memberCount,
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
  };
}

/**
 * Member counts of many groups in one pass over the fleet: one `count(*) filter (where …)` per
 * group, so the list costs one table scan however many groups there are.
 */
async function countMembers(groups: ResourceGroup[]): Promise<number[]> {
  if (groups.length === 0) return [];
  const columns = groups.map((group, index) => sql`count(*) filter (where ${groupCondition(group)})::int as ${sql.identifier(`g${index}`)}`);
  const { rows } = await getDb().execute<Record<string, number>>(sql`select ${sql.join(columns, sql`, `)} from ${managedNodes}`);
  return groups.map((_, index) => rows[0]?.[`g${index}`] ?? 0);
}

/** Static groups name real nodes only: a typo would otherwise be a silently empty member. */
async function assertNodesExist(nodeIds: string[]): Promise<void> {
  const found = await getDb().select({ id: managedNodes.id }).from(managedNodes).where(inArray(managedNodes.id, nodeIds));
  const known = new Set(found.map((row) => row.id));
  const missing = nodeIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new OpsdeckError('InvalidInstanceId', `${missing.length === 1 ? 'node' : 'nodes'} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} ${missing.length === 1 ? 'is not a managed node' : 'are not managed nodes'}`);
  }
}

function parseName(name: string): string {
  return resourceGroupNameSchema.parse(name);
}

export interface ResourceGroupList {
  groups: ResourceGroupView[];
  /**
   * Whether the caller may create groups of any name, so the console offers only what would be
   * allowed. A policy that allows only some names (group/dev-*) reads as false here; the console
   * then does not offer the button to those users (a known gap; the server decides either way).
   */
  canCreate: boolean;
}

export async function listResourceGroups(caller: Caller): Promise<ResourceGroupList> {
  return perform(caller, { name: 'ListGroups', iamAction: 'resource-groups:ListGroups', isAudited: false }, async () => {
    const groups = await getDb().select().from(resourceGroups).orderBy(asc(resourceGroups.name));
    const [counts, canCreate] = await Promise.all([countMembers(groups), isAllowed(caller, { action: 'resource-groups:CreateGroup', resource: '*' })]);
    return { groups: groups.map((group, index) => toView(group, counts[index]!)), canCreate };
  });
}

export interface ResourceGroupDetail extends ResourceGroupView {
  permissions: { canUpdate: boolean; canDelete: boolean };
}

export async function getResourceGroup(caller: Caller, name: string): Promise<ResourceGroupDetail> {
  const groupName = parseName(name);
  const arn = resourceGroupArn(groupName);
  return perform(caller, { name: 'GetGroup', iamAction: 'resource-groups:GetGroup', resources: [arn], isAudited: false }, async () => {
    const group = await findResourceGroupByName(groupName);
    const [[count], permissions] = await Promise.all([
      countMembers([group]),
      allowedActions(caller, {
        canUpdate: { action: 'resource-groups:UpdateGroup', resource: arn },
        canDelete: { action: 'resource-groups:DeleteGroup', resource: arn },
      }),
    ]);
    return { ...toView(group, count!), permissions };
  });
}

export async function createResourceGroup(caller: Caller, input: CreateResourceGroupInput): Promise<ResourceGroupView> {
  const parsed = createResourceGroupInput.parse(input);
  return perform(caller, { name: 'CreateGroup', iamAction: 'resource-groups:CreateGroup', resources: [resourceGroupArn(parsed.name)], parameters: parsed }, async () => {
    if (parsed.kind === 'Static') await assertNodesExist(parsed.nodeIds);
    const [created] = await getDb()
      .insert(resourceGroups)
      .values(parsed.kind === 'Static' ? { ...parsed, tagQuery: {} } : { ...parsed, nodeIds: [] })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new OpsdeckError('ResourceGroupAlreadyExists', `a resource group named '${parsed.name}' already exists`, 409);
    const [count] = await countMembers([created]);
    return toView(created, count!);
  });
}

/** Replaces a group's definition (tag query or node list, and kind); membership follows at once. */
export async function updateResourceGroup(caller: Caller, name: string, input: UpdateResourceGroupInput): Promise<ResourceGroupView> {
  const groupName = parseName(name);
  const parsed = updateResourceGroupInput.parse(input);
  const arn = resourceGroupArn(groupName);
  return perform(caller, { name: 'UpdateGroup', iamAction: 'resource-groups:UpdateGroup', resources: [arn], parameters: { name: groupName, ...parsed } }, async () => {
    await findResourceGroupByName(groupName);
    if (parsed.kind === 'Static') await assertNodesExist(parsed.nodeIds);
    const definition = parsed.kind === 'Static' ? { kind: parsed.kind, nodeIds: parsed.nodeIds, tagQuery: {} } : { kind: parsed.kind, tagQuery: parsed.tagQuery, nodeIds: [] };
    const [updated] = await getDb()
      .update(resourceGroups)
      .set({ ...definition, ...(parsed.description === undefined ? {} : { description: parsed.description }), updatedAt: new Date() })
      .where(eq(resourceGroups.name, groupName))
      .returning();
    if (!updated) throw notFound('ResourceGroupNotFound', `there is no resource group named '${groupName}'`);
    const [count] = await countMembers([updated]);
    return toView(updated, count!);
  });
}

/** Deletes the group only; its nodes are untouched. */
export async function deleteResourceGroup(caller: Caller, name: string): Promise<{ name: string }> {
  const groupName = parseName(name);
  return perform(caller, { name: 'DeleteGroup', iamAction: 'resource-groups:DeleteGroup', resources: [resourceGroupArn(groupName)], parameters: { name: groupName } }, async () => {
    const deleted = await getDb().delete(resourceGroups).where(eq(resourceGroups.name, groupName)).returning({ name: resourceGroups.name });
    if (deleted.length === 0) throw notFound('ResourceGroupNotFound', `there is no resource group named '${groupName}'`);
    return { name: groupName };
  });
}

/**
 * The nodes in a group, a page at a time, evaluated now (a tag change shows at once). Shows node
 * details, so it also needs what listing the fleet needs.
 */
export async function listGroupMembers(caller: Caller, name: string, paging: MembersPageInput = {}): Promise<{ nodes: NodeView[]; total: number }> {
  const groupName = parseName(name);
  const { page, pageSize } = membersPageInput.parse(paging);
  const arn = resourceGroupArn(groupName);
  return perform(caller, { name: 'ListGroupResources', iamAction: 'resource-groups:ListGroupResources', resources: [arn], isAudited: false }, async () => {
    await authorize(caller, { action: 'ssm:DescribeInstanceInformation', resource: '*' });
    const group = await findResourceGroupByName(groupName);
    const where = groupCondition(group);
    const db = getDb();
    const [rows, [counted]] = await Promise.all([
      db
        .select()
        .from(managedNodes)
        .where(where)
        .orderBy(asc(managedNodes.name), asc(managedNodes.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ total: sql<number>`count(*)::int` }).from(managedNodes).where(where),
    ]);
    return { nodes: rows.map(toNodeView), total: counted?.total ?? 0 };
  });
}
