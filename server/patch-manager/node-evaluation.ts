import type { NodePatch, PatchEvaluate, PatchEvaluateResult } from '@/agent/protocol';
import { candidateOfRow, catalogueKey, catalogueRowsOfVersions, recordOfferedUpdates } from './catalogue';
import { compileBaseline, decisionOf, globToRegExp, notApplicableEntries, type CandidatePatch } from './evaluate';
import { baselineForNode, snapshotIdOf } from './node-baseline';

function candidateOf(patch: NodePatch, product: string, version: string, releaseDate: number | undefined): CandidatePatch {
  return { name: patch.name, arch: patch.arch, version, product, section: patch.section, priority: patch.priority, classification: patch.classification, severity: patch.severity, releaseDate };
}

/**
 * `patch:evaluate`: the node's baseline decides on each offered update and each installed
 * package. The offered updates join the catalogue first, so their release dates (or first
 * sightings) are the ones DescribeEffectivePatchesForPatchBaseline shows.
 */
export async function evaluateForNode(nodeId: string, request: PatchEvaluate, now = Date.now()): Promise<PatchEvaluateResult> {
  const { baseline, patchGroup, operatingSystem, product } = await baselineForNode(nodeId);
  const releaseDates = await recordOfferedUpdates(operatingSystem, product, request.updates);
  const evaluate = compileBaseline(baseline);
  const updates = request.updates.map((update) => {
    const version = update.availableVersion ?? '';
    return candidateOf(update, product, version, update.releaseDate ?? releaseDates.get(catalogueKey(update.name, update.arch, version)));
  });
  const decisions = updates.map((candidate) => {
    const verdict = evaluate(candidate, now);
    return { name: candidate.name, decision: decisionOf(verdict), complianceLevel: verdict.complianceLevel, classification: candidate.classification, severity: candidate.severity };
  });
  // An installed version once offered as an update is judged as that update was (a security fix
  // stays one once installed); others by what the node says of them.
  const known = await catalogueRowsOfVersions(operatingSystem, request.installed.map((patch) => ({ name: patch.name, arch: patch.arch, version: patch.installedVersion ?? '' })));
  const installed = request.installed.map((patch) => {
    const version = patch.installedVersion ?? '';
    const row = known.get(catalogueKey(patch.name, patch.arch, version));
    return row ? { ...candidateOfRow(row), arch: patch.arch, product } : candidateOf(patch, product, version, patch.releaseDate);
  });
  const installedDecisions = installed.map((candidate) => {
    const decision = decisionOf(evaluate(candidate, now));
    // ALLOW_AS_DEPENDENCY: a rejected package already installed counts as InstalledOther, not InstalledRejected.
    return decision === 'Rejected' && baseline.rejectedPatchesAction === 'ALLOW_AS_DEPENDENCY' ? 'NotApproved' : decision;
  });
  return {
    baselineId: baseline.id,
    patchGroup,
    snapshotId: snapshotIdOf(baseline),
    rejectedPatchesAction: baseline.rejectedPatchesAction,
    sources: baseline.sources
      .filter((source) => source.Products.some((pattern) => globToRegExp(pattern, false).test(product)))
      .map((source) => ({ name: source.Name, products: source.Products, configuration: source.Configuration })),
    decisions,
    installedDecisions,
    notApplicable: notApplicableEntries(baseline.approvedPatches, [...updates, ...installed]),
  };
}
