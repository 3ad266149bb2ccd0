import { and, asc, count, eq, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { complianceItems, instancePatches, instancePatchStates, managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { toInstancePatchState, type InstancePatchStateView } from './instance-states';

export const COMPLIANCE_FILTERS = ['Compliant', 'NonCompliant', 'NotScanned'] as const;
export type ComplianceFilter = (typeof COMPLIANCE_FILTERS)[number];

export const fleetFilterSchema = z.object({
  compliance: z.enum(COMPLIANCE_FILTERS, { message: `compliance is one of ${COMPLIANCE_FILTERS.join(', ')}` }).optional(),
  platformName: z.string().trim().min(1).max(255).optional(),
  patchGroup: z.string().trim().min(1).max(256).optional(),
});
export type FleetFilter = z.infer<typeof fleetFilterSchema>;

const s = instancePatchStates;
const nonCompliantCount = sql<number>`(${s.missingCount} + ${s.failedCount} + ${s.installedPendingRebootCount} + ${s.installedRejectedCount})`;
/** The node's patch group as its tags say now (a node not scanned yet has no state to say it). */
const nodePatchGroup = sql<string | null>`coalesce(nullif(${managedNodes.tags}->>'Patch Group', ''), nullif(${managedNodes.tags}->>'PatchGroup', ''))`;

/** Registered nodes matching the dashboard's filters; deregistered ones are out of the picture. */
function fleetConditions(filter: FleetFilter): SQL[] {
  const conditions: SQL[] = [ne(managedNodes.pingStatus, 'Inactive')];
  if (filter.platformName) conditions.push(eq(managedNodes.platformName, filter.platformName));
  if (filter.patchGroup) conditions.push(sql`${nodePatchGroup} = ${filter.patchGroup}`);
  if (filter.compliance === 'NotScanned') conditions.push(isNull(s.nodeId));
  if (filter.compliance === 'Compliant') conditions.push(and(isNotNull(s.nodeId), sql`${nonCompliantCount} = 0`)!);
  if (filter.compliance === 'NonCompliant') conditions.push(sql`${nonCompliantCount} > 0`);
  return conditions;
}

export interface FleetPatchNode {
  nodeId: string;
  name: string;
  pingStatus: string;
  platformName: string | null;
  platformVersion: string | null;
  patchGroup: string | null;
  state: InstancePatchStateView | null;
  isCompliant: boolean | null;
}

/** The dashboard's table: nodes in id order, each with its last patch state (or none yet). */
export async function listFleetPatchNodes(caller: Caller, filter: FleetFilter, page: { offset: number; limit: number }): Promise<{ nodes: FleetPatchNode[]; hasMore: boolean }> {
  return perform(caller, { name: 'DescribeInstancePatchStates', iamAction: 'ssm:DescribeInstancePatchStates', parameters: filter, isAudited: false }, async () => {
    const rows = await getDb()
      .select({ node: { id: managedNodes.id, name: managedNodes.name, pingStatus: managedNodes.pingStatus, platformName: managedNodes.platformName, platformVersion: managedNodes.platformVersion }, patchGroup: nodePatchGroup, state: s })
      .from(managedNodes)
      .leftJoin(s, eq(s.nodeId, managedNodes.id))
      .where(and(...fleetConditions(filter)))
      .orderBy(asc(managedNodes.name), asc(managedNodes.id))
      .limit(page.limit + 1)
      .offset(page.offset);
    return {
      nodes: rows.slice(0, page.limit).map(({ node, patchGroup, state }) => {
        const view = state ? toInstancePatchState(state) : null;
        return {
          nodeId: node.id,
          name: node.name,
          pingStatus: node.pingStatus,
          platformName: node.platformName,
          platformVersion: node.platformVersion,
          patchGroup: view?.PatchGroup || patchGroup,
          state: view,
          isCompliant: view ? view.MissingCount + view.FailedCount + view.InstalledPendingRebootCount + view.InstalledRejectedCount === 0 : null,
        };
      }),
      hasMore: rows.length > page.limit,
    };
  });
}

/** Every node id the filters select (for "Patch now" on a filtered set), at most `limit`. */
export async function fleetNodeIds(filter: FleetFilter, limit: number): Promise<string[]> {
  const rows = await getDb().select({ id: managedNodes.id }).from(managedNodes).leftJoin(s, eq(s.nodeId, managedNodes.id)).where(and(...fleetConditions(filter))).orderBy(asc(managedNodes.id)).limit(limit + 1);
  return rows.map((row) => row.id);
}

export interface PatchSummary {
  nodes: number;
  compliant: number;
  nonCompliant: number;
  notScanned: number;
  /** Non-compliant patches by the baseline's compliance level (Patch compliance items). */
  bySeverity: { severity: string; count: number }[];
  /** Missing patches by classification. */
  missingByClassification: { classification: string; count: number }[];
  /** What the filters can choose from. */
  platformNames: string[];
  patchGroups: string[];
}

/** The dashboard's tiles and charts, over the whole fleet. */
export async function patchSummary(caller: Caller): Promise<PatchSummary> {
  return perform(caller, { name: 'DescribeInstancePatchStates', iamAction: 'ssm:DescribeInstancePatchStates', isAudited: false }, async () => {
    const db = getDb();
    const registered = ne(managedNodes.pingStatus, 'Inactive');
    const [totals] = await db
      .select({
        nodes: sql<number>`count(*)::int`,
        notScanned: sql<number>`count(*) filter (where ${s.nodeId} is null)::int`,
        nonCompliant: sql<number>`count(*) filter (where ${nonCompliantCount} > 0)::int`,
      })
      .from(managedNodes)
      .leftJoin(s, eq(s.nodeId, managedNodes.id))
      .where(registered);
    const bySeverity = await db
      .select({ severity: complianceItems.severity, count: count() })
      .from(complianceItems)
      .where(and(eq(complianceItems.complianceType, 'Patch'), eq(complianceItems.status, 'NON_COMPLIANT')))
      .groupBy(complianceItems.severity)
      .orderBy(asc(complianceItems.severity));
    const missingByClassification = await db
      .select({ classification: instancePatches.classification, count: count() })
      .from(instancePatches)
      .where(eq(instancePatches.state, 'Missing'))
      .groupBy(instancePatches.classification)
      .orderBy(asc(instancePatches.classification));
    const platforms = await db.selectDistinct({ name: managedNodes.platformName }).from(managedNodes).where(and(registered, isNotNull(managedNodes.platformName))).orderBy(asc(managedNodes.platformName));
    const groups = await db.selectDistinct({ group: nodePatchGroup }).from(managedNodes).where(and(registered, sql`${nodePatchGroup} is not null`)).orderBy(nodePatchGroup);
    const { nodes, notScanned, nonCompliant } = totals!;
    return {
      nodes,
      compliant: nodes - notScanned - nonCompliant,
      nonCompliant,
      notScanned,
      bySeverity,
      missingByClassification,
      platformNames: platforms.map((row) => row.name!),
      patchGroups: groups.map((row) => row.group!),
    };
  });
}
