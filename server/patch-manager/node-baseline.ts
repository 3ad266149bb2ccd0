import { eq } from 'drizzle-orm';
import { managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound, OpsdeckError } from '@/server/errors';
import { findBaseline, type PatchBaselineRow } from './baselines';
import { operatingSystemOf, type NodeOperatingSystem } from './operating-systems';
import { effectiveBaselineId, patchGroupOf } from './patch-groups';

export interface NodeBaseline extends NodeOperatingSystem {
  baseline: PatchBaselineRow;
  patchGroup: string | null;
}

/** AWS's SnapshotId: names the baseline as it was when evaluated. */
export function snapshotIdOf(baseline: PatchBaselineRow): string {
  return `${baseline.id}-${baseline.modifiedAt.getTime()}`;
}

/** The baseline that decides for a node now: by its Patch Group tag and its operating system. */
export async function baselineForNode(nodeId: string): Promise<NodeBaseline> {
  const [node] = await getDb()
    .select({ platformName: managedNodes.platformName, platformVersion: managedNodes.platformVersion, tags: managedNodes.tags })
    .from(managedNodes)
    .where(eq(managedNodes.id, nodeId));
  if (!node) throw notFound('InvalidInstanceId', `${nodeId} is not a managed node`);
  const system = operatingSystemOf(node.platformName, node.platformVersion);
  if (!system) {
    throw new OpsdeckError('UnsupportedOperatingSystem', `Patch Manager has no baselines for ${node.platformName ?? 'an unknown platform'} ${node.platformVersion ?? ''}`.trim());
  }
  const patchGroup = patchGroupOf(node.tags);
  const baseline = await findBaseline(await effectiveBaselineId(system.operatingSystem, patchGroup));
  return { ...system, baseline, patchGroup };
}
