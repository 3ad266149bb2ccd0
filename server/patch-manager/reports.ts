import { eq } from 'drizzle-orm';
import type { PatchReport, PatchReportEntry, PatchState } from '@/agent/protocol';
import { commandInvocations, instancePatches, instancePatchStates, managedNodes, patchBaselines, type ComplianceSeverity, type PatchComplianceLevel } from '@/db/schema';
import { getDb } from '@/server/context';
import { replaceComplianceItems, MANAGED_INSTANCE } from '@/server/compliance/store';
import { OpsdeckError } from '@/server/errors';
import { candidateOfRow, catalogueRowsFor } from './catalogue';
import { compileBaseline, type CandidatePatch } from './evaluate';
import { operatingSystemOf } from './operating-systems';

/** States that make a node non-compliant; NotApplicable never counts against it. */
export const NON_COMPLIANT_STATES: readonly PatchState[] = ['Missing', 'Failed', 'InstalledPendingReboot', 'InstalledRejected'];

const ROWS_PER_STATEMENT = 2000;

/** The agent's KBId is the package name, `name:arch` where a node has one name for several architectures. */
function packageNameOf(entry: PatchReportEntry): string {
  return entry.KBId.split(':')[0]!;
}

export interface PatchCounts {
  installedCount: number;
  installedOtherCount: number;
  installedPendingRebootCount: number;
  installedRejectedCount: number;
  missingCount: number;
  failedCount: number;
  notApplicableCount: number;
  criticalNonCompliantCount: number;
  securityNonCompliantCount: number;
  otherNonCompliantCount: number;
}

const COUNT_OF_STATE: Record<PatchState, keyof PatchCounts> = {
  Installed: 'installedCount',
  InstalledOther: 'installedOtherCount',
  InstalledPendingReboot: 'installedPendingRebootCount',
  InstalledRejected: 'installedRejectedCount',
  Missing: 'missingCount',
  Failed: 'failedCount',
  NotApplicable: 'notApplicableCount',
};

/**
 * The summary counts of InstancePatchState. Each non-compliant patch is counted once: critical
 * (the baseline's compliance level says so), else security (its classification), else other.
 */
export function countPatches(entries: PatchReportEntry[], levels: Map<string, PatchComplianceLevel>): PatchCounts {
  const counts: PatchCounts = {
    installedCount: 0,
    installedOtherCount: 0,
    installedPendingRebootCount: 0,
    installedRejectedCount: 0,
    missingCount: 0,
    failedCount: 0,
    notApplicableCount: 0,
    criticalNonCompliantCount: 0,
    securityNonCompliantCount: 0,
    otherNonCompliantCount: 0,
  };
  for (const entry of entries) {
    counts[COUNT_OF_STATE[entry.State]] += 1;
    if (!NON_COMPLIANT_STATES.includes(entry.State)) continue;
    if (levels.get(entry.KBId) === 'CRITICAL') counts.criticalNonCompliantCount += 1;
    else if (entry.Classification.toLowerCase() === 'security') counts.securityNonCompliantCount += 1;
    else counts.otherNonCompliantCount += 1;
  }
  return counts;
}

/** Keeps the last entry per KBId: one row per patch and node. */
function uniqueEntries(entries: PatchReportEntry[]): PatchReportEntry[] {
  return [...new Map(entries.map((entry) => [entry.KBId, entry])).values()];
}

/**
 * The compliance level of each reported patch, as the baseline the node was evaluated against
 * gives it: from the catalogue's record of the update where there is one (sections and
 * priorities are not in the report), else from the report itself. A baseline deleted since the
 * scan leaves every level UNSPECIFIED.
 */
async function complianceLevels(nodeId: string, baselineId: string, entries: PatchReportEntry[]): Promise<Map<string, PatchComplianceLevel>> {
  const levels = new Map<string, PatchComplianceLevel>();
  const [baseline] = await getDb().select().from(patchBaselines).where(eq(patchBaselines.id, baselineId));
  const [node] = await getDb().select({ platformName: managedNodes.platformName, platformVersion: managedNodes.platformVersion }).from(managedNodes).where(eq(managedNodes.id, nodeId));
  const system = node && operatingSystemOf(node.platformName, node.platformVersion);
  if (!baseline || !system) return levels;
  const evaluate = compileBaseline(baseline);
  const catalogue = new Map<string, CandidatePatch>();
  for (const row of await catalogueRowsFor(system.operatingSystem, entries.map(packageNameOf))) if (!catalogue.has(row.name)) catalogue.set(row.name, candidateOfRow(row));
  const now = Date.now();
  for (const entry of entries) {
    const name = packageNameOf(entry);
    const candidate = catalogue.get(name) ?? { name, arch: '', version: '', product: system.product, section: '', priority: '', classification: entry.Classification, severity: entry.Severity };
    levels.set(entry.KBId, evaluate(candidate, now).complianceLevel);
  }
  return levels;
}

async function commandIdOf(nodeId: string, invocationId: string): Promise<string> {
  const [invocation] = await getDb().select({ commandId: commandInvocations.commandId, nodeId: commandInvocations.nodeId }).from(commandInvocations).where(eq(commandInvocations.id, invocationId));
  if (!invocation || invocation.nodeId !== nodeId) throw new OpsdeckError('InvalidCommandId', `invocation ${invocationId} is not one of this node's`);
  return invocation.commandId;
}

const isoOrEmpty = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/**
 * `patch:report`: the node's patch state after a Scan or Install. Its patches, its summary and its
 * Patch compliance items are replaced in one transaction, so no reader sees one without the others.
 */
export async function storeReport(nodeId: string, report: PatchReport): Promise<void> {
  const commandId = await commandIdOf(nodeId, report.invocationId);
  const entries = uniqueEntries(report.patches);
  const levels = await complianceLevels(nodeId, report.baselineId, entries);
  const counts = countPatches(entries, levels);
  const endedAt = new Date(report.endedAt);
  const isNoRebootInstall = report.operation === 'Install' && report.rebootOption === 'NoReboot';
  const state = {
    nodeId,
    patchGroup: report.patchGroup,
    baselineId: report.baselineId,
    snapshotId: report.snapshotId,
    installOverrideList: report.installOverrideList ?? null,
    operation: report.operation,
    rebootOption: report.rebootOption,
    operationStartTime: new Date(report.startedAt),
    operationEndTime: endedAt,
    ...counts,
    rebootRequired: report.rebootRequired,
    scanAfterBootSince: report.isRebooting ? endedAt : null,
    commandId,
    updatedAt: new Date(),
  };
  await getDb().transaction(async (tx) => {
    await tx.delete(instancePatches).where(eq(instancePatches.nodeId, nodeId));
    for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
      await tx.insert(instancePatches).values(
        entries.slice(start, start + ROWS_PER_STATEMENT).map((entry) => ({
          nodeId,
          kbId: entry.KBId,
          title: entry.Title,
          classification: entry.Classification,
          severity: entry.Severity,
          state: entry.State,
          installedTime: entry.InstalledTime === undefined ? null : new Date(entry.InstalledTime),
          cveIds: entry.CVEIds ?? null,
        })),
      );
    }
    await tx
      .insert(instancePatchStates)
      .values({ ...state, lastNoRebootInstallOperationTime: isNoRebootInstall ? endedAt : null })
      .onConflictDoUpdate({ target: instancePatchStates.nodeId, set: { ...state, ...(isNoRebootInstall ? { lastNoRebootInstallOperationTime: endedAt } : {}) } });
    await replaceComplianceItems(
      {
        resourceType: MANAGED_INSTANCE,
        resourceId: nodeId,
        complianceType: 'Patch',
        uploadType: 'COMPLETE',
        executionSummary: { ExecutionTime: endedAt.toISOString(), ExecutionId: commandId, ExecutionType: 'Command' },
        items: entries.map((entry) => ({
          Id: entry.KBId,
          Title: entry.Title,
          Severity: (levels.get(entry.KBId) ?? 'UNSPECIFIED') as ComplianceSeverity,
          Status: NON_COMPLIANT_STATES.includes(entry.State) ? 'NON_COMPLIANT' : 'COMPLIANT',
          Details: {
            Classification: entry.Classification,
            PatchState: entry.State,
            PatchBaselineId: report.baselineId,
            PatchGroup: report.patchGroup ?? '',
            DocumentName: 'AWS-RunPatchBaseline',
            InstalledTime: isoOrEmpty(entry.InstalledTime),
          },
        })),
      },
      tx,
    );
  });
}
