import { and, asc, eq, gt, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { instancePatches, instancePatchStates, managedNodes } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { notFound, validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { nodeArn } from '@/server/identity/arn';
import { perform } from '@/server/identity/perform';
import { patchGroupSchema } from './schemas';

type StateRow = typeof instancePatchStates.$inferSelect;

/** AWS's InstancePatchState. */
export interface InstancePatchStateView {
  InstanceId: string;
  PatchGroup: string;
  BaselineId: string;
  SnapshotId: string;
  InstallOverrideList?: string;
  InstalledCount: number;
  InstalledOtherCount: number;
  InstalledPendingRebootCount: number;
  InstalledRejectedCount: number;
  MissingCount: number;
  FailedCount: number;
  UnreportedNotApplicableCount: number;
  NotApplicableCount: number;
  OperationStartTime: Date;
  OperationEndTime: Date;
  Operation: StateRow['operation'];
  LastNoRebootInstallOperationTime?: Date;
  RebootOption: StateRow['rebootOption'];
  CriticalNonCompliantCount: number;
  SecurityNonCompliantCount: number;
  OtherNonCompliantCount: number;
  /** Opsdeck: the last Install rebooted the node, which is scanned again when it is back. */
  IsScanAfterRebootPending?: true;
}

export function toInstancePatchState(row: StateRow): InstancePatchStateView {
  return {
    InstanceId: row.nodeId,
    PatchGroup: row.patchGroup ?? '',
    BaselineId: row.baselineId,
    SnapshotId: row.snapshotId,
    InstallOverrideList: row.installOverrideList ?? undefined,
    InstalledCount: row.installedCount,
    InstalledOtherCount: row.installedOtherCount,
    InstalledPendingRebootCount: row.installedPendingRebootCount,
    InstalledRejectedCount: row.installedRejectedCount,
    MissingCount: row.missingCount,
    FailedCount: row.failedCount,
    // The agent reports every package it sees, so none is left unreported.
    UnreportedNotApplicableCount: 0,
    NotApplicableCount: row.notApplicableCount,
    OperationStartTime: row.operationStartTime,
    OperationEndTime: row.operationEndTime,
    Operation: row.operation,
    LastNoRebootInstallOperationTime: row.lastNoRebootInstallOperationTime ?? undefined,
    RebootOption: row.rebootOption,
    CriticalNonCompliantCount: row.criticalNonCompliantCount,
    SecurityNonCompliantCount: row.securityNonCompliantCount,
    OtherNonCompliantCount: row.otherNonCompliantCount,
    ...(row.scanAfterBootSince ? { IsScanAfterRebootPending: true as const } : {}),
  };
}

const nodeArnOf = (nodeId: string) => {
  const { region, accountId } = getServerContext();
  return nodeArn(region, accountId, nodeId);
};

interface Page {
  offset?: number;
  maxResults?: number;
}

/** DescribeInstancePatchStates: nodes never scanned have no state and are left out, as in AWS. */
export async function describeInstancePatchStates(caller: Caller, input: { instanceIds: string[] } & Page): Promise<{ states: InstancePatchStateView[]; hasMore: boolean }> {
  return perform(caller, { name: 'DescribeInstancePatchStates', iamAction: 'ssm:DescribeInstancePatchStates', resources: input.instanceIds.map(nodeArnOf), parameters: input, isAudited: false }, async () => {
    const limit = input.maxResults ?? 10;
    const rows = await getDb()
      .select()
      .from(instancePatchStates)
      .where(inArray(instancePatchStates.nodeId, input.instanceIds))
      .orderBy(asc(instancePatchStates.nodeId))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return { states: rows.slice(0, limit).map(toInstancePatchState), hasMore: rows.length > limit };
  });
}

export const STATE_FILTER_KEYS = ['InstalledCount', 'InstalledOtherCount', 'InstalledPendingRebootCount', 'InstalledRejectedCount', 'MissingCount', 'FailedCount', 'NotApplicableCount', 'CriticalNonCompliantCount', 'SecurityNonCompliantCount', 'OtherNonCompliantCount'] as const;
const STATE_FILTER_COLUMNS = {
  InstalledCount: instancePatchStates.installedCount,
  InstalledOtherCount: instancePatchStates.installedOtherCount,
  InstalledPendingRebootCount: instancePatchStates.installedPendingRebootCount,
  InstalledRejectedCount: instancePatchStates.installedRejectedCount,
  MissingCount: instancePatchStates.missingCount,
  FailedCount: instancePatchStates.failedCount,
  NotApplicableCount: instancePatchStates.notApplicableCount,
  CriticalNonCompliantCount: instancePatchStates.criticalNonCompliantCount,
  SecurityNonCompliantCount: instancePatchStates.securityNonCompliantCount,
  OtherNonCompliantCount: instancePatchStates.otherNonCompliantCount,
};

export interface StateFilter {
  Key: (typeof STATE_FILTER_KEYS)[number];
  Values: string[];
  Type: 'Equal' | 'NotEqual' | 'LessThan' | 'GreaterThan';
}

function stateFilterCondition(filter: StateFilter): SQL {
  const [raw] = filter.Values;
  const value = Number(raw);
  if (filter.Values.length !== 1 || !Number.isInteger(value)) throw validationError(`filter ${filter.Key} takes exactly one whole number, not ${JSON.stringify(filter.Values)}`);
  const column = STATE_FILTER_COLUMNS[filter.Key];
  if (filter.Type === 'Equal') return eq(column, value);
  if (filter.Type === 'NotEqual') return ne(column, value);
  return filter.Type === 'LessThan' ? lt(column, value) : gt(column, value);
}

/** DescribeInstancePatchStatesForPatchGroup: the group's scanned nodes, with AWS's count filters. */
export async function describeInstancePatchStatesForPatchGroup(caller: Caller, input: { patchGroup: string; filters: StateFilter[] } & Page) {
  const patchGroup = patchGroupSchema.parse(input.patchGroup);
  return perform(caller, { name: 'DescribeInstancePatchStatesForPatchGroup', iamAction: 'ssm:DescribeInstancePatchStatesForPatchGroup', parameters: input, isAudited: false }, async () => {
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(instancePatchStates)
      .where(and(eq(instancePatchStates.patchGroup, patchGroup), ...input.filters.map(stateFilterCondition)))
      .orderBy(asc(instancePatchStates.nodeId))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return { states: rows.slice(0, limit).map(toInstancePatchState), hasMore: rows.length > limit };
  });
}

export const PATCH_FILTER_KEYS_OF_INSTANCE = ['Classification', 'KBId', 'Severity', 'State'] as const;
export type InstancePatchFilterKey = (typeof PATCH_FILTER_KEYS_OF_INSTANCE)[number];
const INSTANCE_PATCH_COLUMNS = { Classification: instancePatches.classification, KBId: instancePatches.kbId, Severity: instancePatches.severity, State: instancePatches.state };

/** AWS's PatchComplianceData. */
export interface PatchComplianceView {
  Title: string;
  KBId: string;
  Classification: string;
  Severity: string;
  State: string;
  InstalledTime: Date;
  CVEIds?: string;
}

// What needs attention first: a node has hundreds of InstalledOther packages and a few that matter.
const STATE_ORDER = sql`case ${instancePatches.state} when 'Failed' then 0 when 'Missing' then 1 when 'InstalledPendingReboot' then 2 when 'InstalledRejected' then 3 when 'Installed' then 4 when 'NotApplicable' then 5 else 6 end`;

/** DescribeInstancePatches: one node's patches as its last operation left them, non-compliant ones first. */
export async function describeInstancePatches(caller: Caller, input: { instanceId: string; filters: Partial<Record<InstancePatchFilterKey, string[]>> } & Page): Promise<{ patches: PatchComplianceView[]; hasMore: boolean }> {
  return perform(caller, { name: 'DescribeInstancePatches', iamAction: 'ssm:DescribeInstancePatches', resources: [nodeArnOf(input.instanceId)], parameters: input, isAudited: false }, async () => {
    const [node] = await getDb().select({ id: managedNodes.id }).from(managedNodes).where(eq(managedNodes.id, input.instanceId));
    if (!node) throw notFound('InvalidInstanceId', `${input.instanceId} is not a managed node`);
    const conditions = [eq(instancePatches.nodeId, input.instanceId)];
    for (const [key, values] of Object.entries(input.filters) as [InstancePatchFilterKey, string[]][]) {
      if (values.length > 0) conditions.push(inArray(INSTANCE_PATCH_COLUMNS[key], values));
    }
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(instancePatches)
      .where(and(...conditions))
      .orderBy(STATE_ORDER, asc(instancePatches.kbId))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return {
      patches: rows.slice(0, limit).map((row) => ({
        Title: row.title,
        KBId: row.kbId,
        Classification: row.classification,
        Severity: row.severity,
        State: row.state,
        // AWS always sends InstalledTime; for a patch that is not installed it is the epoch.
        InstalledTime: row.installedTime ?? new Date(0),
        CVEIds: row.cveIds ?? undefined,
      })),
      hasMore: rows.length > limit,
    };
  });
}

const nodesWith = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

/** DescribePatchGroupState: how many of the group's scanned nodes have patches in each state. */
export async function describePatchGroupState(caller: Caller, rawPatchGroup: string) {
  const patchGroup = patchGroupSchema.parse(rawPatchGroup);
  return perform(caller, { name: 'DescribePatchGroupState', iamAction: 'ssm:DescribePatchGroupState', parameters: { patchGroup }, isAudited: false }, async () => {
    const s = instancePatchStates;
    const [row] = await getDb()
      .select({
        Instances: sql<number>`count(*)::int`,
        InstancesWithInstalledPatches: nodesWith(gt(s.installedCount, 0)),
        InstancesWithInstalledOtherPatches: nodesWith(gt(s.installedOtherCount, 0)),
        InstancesWithInstalledPendingRebootPatches: nodesWith(gt(s.installedPendingRebootCount, 0)),
        InstancesWithInstalledRejectedPatches: nodesWith(gt(s.installedRejectedCount, 0)),
        InstancesWithMissingPatches: nodesWith(gt(s.missingCount, 0)),
        InstancesWithFailedPatches: nodesWith(gt(s.failedCount, 0)),
        InstancesWithNotApplicablePatches: nodesWith(gt(s.notApplicableCount, 0)),
        InstancesWithCriticalNonCompliantPatches: nodesWith(gt(s.criticalNonCompliantCount, 0)),
        InstancesWithSecurityNonCompliantPatches: nodesWith(gt(s.securityNonCompliantCount, 0)),
        InstancesWithOtherNonCompliantPatches: nodesWith(gt(s.otherNonCompliantCount, 0)),
      })
      .from(s)
      .where(eq(s.patchGroup, patchGroup));
    return { ...row!, InstancesWithUnreportedNotApplicablePatches: 0 };
  });
}
