import { and, asc, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { NODE_ID_PATTERN } from '@/agent/protocol';
import { managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError, validationError } from '@/server/errors';
import { resourceGroupArn } from './arn';
import { authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findResourceGroupByName, groupCondition, tagValuesCondition } from './membership';
import { targetsSchema, type Target } from './schemas';

const TARGET_KEYS = 'InstanceIds, tag:<key>, tag-key, resource-groups:Name or resource-groups:ResourceTypeFilters';

async function instanceIdsCondition(values: string[]): Promise<SQL> {
  const malformed = values.filter((value) => !NODE_ID_PATTERN.test(value));
  if (malformed.length > 0) throw validationError(`InstanceIds: ${malformed.map((value) => `'${value}'`).join(', ')} is not a node id (mi- and 17 hex digits)`);
  const found = await getDb().select({ id: managedNodes.id }).from(managedNodes).where(inArray(managedNodes.id, values));
  const missing = values.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new OpsdeckError('InvalidInstanceId', `InstanceIds: ${missing.join(', ')} ${missing.length === 1 ? 'is not a managed node' : 'are not managed nodes'}`);
  return inArray(managedNodes.id, values);
}

async function targetCondition(caller: Caller, { Key: key, Values: values }: Target): Promise<SQL> {
  if (key === 'InstanceIds') return instanceIdsCondition(values);
  if (key.startsWith('tag:')) {
    const tagKey = key.slice('tag:'.length);
    if (!tagKey) throw validationError(`target key 'tag:' needs a tag key after the colon, like tag:Environment`);
    return tagValuesCondition(tagKey, values);
  }
  if (key === 'tag-key') {
    return sql`${managedNodes.tags} ?| array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`;
  }
  if (key === 'resource-groups:Name') {
    // One group per target, as AWS takes it; combine groups with several targets instead.
    if (values.length !== 1) throw validationError(`target key resource-groups:Name takes exactly one group name, not ${values.length}`);
    const name = values[0]!;
    await authorize(caller, { action: 'resource-groups:ListGroupResources', resource: resourceGroupArn(name) });
    return groupCondition(await findResourceGroupByName(name));
  }
  if (key === 'resource-groups:ResourceTypeFilters') {
    // Every node here is a managed instance; AWS::EC2::Instance alone matches nothing.
    const known = ['AWS::SSM::ManagedInstance', 'AWS::EC2::Instance'];
    const unknown = values.filter((value) => !known.includes(value));
    if (unknown.length > 0) throw validationError(`resource-groups:ResourceTypeFilters: unknown resource type ${unknown.join(', ')}; use ${known.join(' or ')}`);
    return values.includes('AWS::SSM::ManagedInstance') ? sql`true` : sql`false`;
  }
  throw validationError(`unknown target key '${key}': use ${TARGET_KEYS}`);
}

/**
 * The SQL condition for "a node the targets select": every target must hold (AND); the values
 * of one target are alternatives (OR). Deregistered (Inactive) nodes are never targets. For
 * capabilities that want to join or count in SQL rather than take the ids (see resolveTargets).
 */
export async function targetsCondition(caller: Caller, targets: Target[]): Promise<SQL> {
  const parsed = targetsSchema.parse(targets);
  const conditions = await Promise.all(parsed.map((target) => targetCondition(caller, target)));
  return and(ne(managedNodes.pingStatus, 'Inactive'), ...conditions)!;
}

/**
 * THE function later capabilities call to turn AWS-style `Targets` into node ids: Run Command
 * (SendCommand Targets), State Manager (association targets) and Maintenance Windows (window
 * targets). Understands, like AWS:
 *
 *  - `{ Key: 'resource-groups:Name', Values: ['web-prod'] }` — the members of a resource group,
 *    evaluated now, so a dynamic group follows tags (the caller needs
 *    resource-groups:ListGroupResources on the group);
 *  - `{ Key: 'InstanceIds', Values: ['mi-…', …] }` — those nodes (unknown ids: InvalidInstanceId);
 *  - `{ Key: 'tag:Environment', Values: ['prod', 'staging'] }` — nodes with one of those values;
 *  - `{ Key: 'tag-key', Values: ['Patch Group'] }` — nodes with any of those tag keys;
 *  - `{ Key: 'resource-groups:ResourceTypeFilters', Values: ['AWS::SSM::ManagedInstance'] }`.
 *
 * Several targets are AND-ed; at most 5, as AWS allows. Returns the ids of the nodes that are
 * registered (Online or ConnectionLost; never Inactive), sorted. It decides membership only: the
 * calling capability still authorises its own action on each node (with the node's tags) and
 * audits it. Not audited itself, since it runs inside that audited action.
 */
export async function resolveTargets(caller: Caller, targets: Target[]): Promise<string[]> {
  const where = await targetsCondition(caller, targets);
  const rows = await getDb().select({ id: managedNodes.id }).from(managedNodes).where(where).orderBy(asc(managedNodes.id));
  return rows.map((row) => row.id);
}

/**
 * "Which nodes would these targets hit?" for the console (a target picker's preview). Reveals node
 * ids, so it needs what listing the fleet needs.
 */
export async function previewTargets(caller: Caller, targets: Target[]): Promise<{ nodeIds: string[] }> {
  return perform(caller, { name: 'ResolveTargets', iamAction: 'ssm:DescribeInstanceInformation', parameters: { targets }, isAudited: false }, async () => ({
    nodeIds: await resolveTargets(caller, targets),
  }));
}
