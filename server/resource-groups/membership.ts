import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { managedNodes, resourceGroups, type ResourceGroup } from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound } from '@/server/errors';

/**
 * "The node has tag key = one of these values", written as jsonb containment (`tags @> '{"k":"v"}'`)
 * so the GIN index on tags answers it: at 100,000 nodes a group's first page takes about a
 * millisecond instead of a 20 ms scan. Same meaning as `tags ->> k in (…)`, since tag values are
 * always strings. No values selects nothing.
 */
export function tagValuesCondition(key: string, values: string[]): SQL {
  if (values.length === 0) return sql`false`;
  return sql`(${sql.join(
    values.map((value) => sql`${managedNodes.tags} @> ${JSON.stringify({ [key]: value })}::jsonb`),
    sql` or `,
  )})`;
}

/** Nodes whose tags match a tag query: every key present with one of its values (AND of ORs). */
export function tagQueryCondition(tagQuery: Record<string, string[]>): SQL {
  const keys = Object.entries(tagQuery);
  if (keys.length === 0) return sql`false`; // an empty query selects nothing, never the whole fleet
  return sql.join(
    keys.map(([key, values]) => tagValuesCondition(key, values)),
    sql` and `,
  );
}

export function groupCondition(group: Pick<ResourceGroup, 'kind' | 'tagQuery' | 'nodeIds'>): SQL {
  if (group.kind === 'Static') return group.nodeIds.length > 0 ? inArray(managedNodes.id, group.nodeIds) : sql`false`;
  return tagQueryCondition(group.tagQuery);
}

export async function findResourceGroupByName(name: string): Promise<ResourceGroup> {
  const [group] = await getDb().select().from(resourceGroups).where(eq(resourceGroups.name, name));
  if (!group) throw notFound('ResourceGroupNotFound', `there is no resource group named '${name}'`);
  return group;
}

/** The SQL condition for "member of group NAME", evaluated at query time so it follows tags at once. */
export async function resourceGroupCondition(name: string): Promise<SQL> {
  return groupCondition(await findResourceGroupByName(name));
}
