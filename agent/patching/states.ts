/**
 * Per-patch states after a Scan or Install, as DescribeInstancePatches reports them. Only updates
 * the baseline approves can be Missing or Failed: a node is compliant without installing every
 * update its repositories offer, as on AWS.
 */
import type { NodePatch, PatchDecision, PatchEvaluateResult, PatchOperation, PatchReportEntry, PatchState } from '../protocol';
import type { InstalledPackage } from './packages';

export interface StateInput {
  operation: PatchOperation;
  updates: NodePatch[];
  evaluation: Pick<PatchEvaluateResult, 'decisions' | 'installedDecisions' | 'notApplicable'>;
  /** The installed packages sent with the evaluation, in the same order as installedDecisions. */
  installedBefore: InstalledPackage[];
  /** The package database after the run (the same as before for a Scan). */
  installedAfter: InstalledPackage[];
  /** Keys (`name:arch`) of the updates this run tried to install. */
  attempted: Set<string>;
  /** Whether a reboot is still needed to finish this installed package. */
  isPendingReboot(name: string, key: string): boolean;
}

export const packageKey = (pkg: { name: string; arch: string }) => `${pkg.name}:${pkg.arch}`;

const INSTALLED_STATE: Record<PatchDecision, PatchState> = { Approved: 'Installed', NotApproved: 'InstalledOther', Rejected: 'InstalledRejected' };

/**
 * KBId is the package name, as AWS shows it for Debian and Ubuntu; `name:arch` (dpkg's spelling)
 * only where the node has the same name for several architectures (multi-arch libraries).
 */
function kbIds(packages: { name: string; arch: string }[]): (pkg: { name: string; arch: string }) => string {
  const archs = new Map<string, Set<string>>();
  for (const pkg of packages) archs.set(pkg.name, (archs.get(pkg.name) ?? new Set()).add(pkg.arch));
  return (pkg) => ((archs.get(pkg.name)?.size ?? 0) > 1 ? packageKey(pkg) : pkg.name);
}

export function computePatchStates(input: StateInput): PatchReportEntry[] {
  const after = new Map(input.installedAfter.map((pkg) => [packageKey(pkg), pkg]));
  const kbId = kbIds([...input.installedBefore, ...input.installedAfter, ...input.updates]);
  const reported = new Set<string>();
  const entries: PatchReportEntry[] = [];

  const installedState = (state: PatchState, pkg: InstalledPackage): PatchState =>
    state === 'Installed' && input.isPendingReboot(pkg.name, packageKey(pkg)) ? 'InstalledPendingReboot' : state;

  input.updates.forEach((update, index) => {
    const decision = input.evaluation.decisions[index];
    if (!decision || !update.availableVersion) return;
    const key = packageKey(update);
    const now = after.get(key);
    const isUpdated = now?.version === update.availableVersion;
    let state: PatchState | null = null;
    if (isUpdated) {
      // Installed by this run (or as a dependency of an approved one): the baseline's word says how it counts.
      state = input.isPendingReboot(update.name, key) ? 'InstalledPendingReboot' : INSTALLED_STATE[decision.decision];
    } else if (decision.decision === 'Approved' && update.installedVersion !== undefined) {
      state = input.operation === 'Install' && input.attempted.has(key) ? 'Failed' : 'Missing';
    }
    // A new dependency nobody installed, or an update the baseline does not approve: not a patch of this node.
    if (!state) return;
    reported.add(key);
    entries.push({
      Title: `${update.name} ${update.availableVersion}`,
      KBId: kbId(update),
      Classification: decision.classification,
      Severity: decision.severity,
      State: state,
      InstalledTime: isUpdated ? now?.installedTime : undefined,
      CVEIds: update.cveIds.length > 0 ? update.cveIds.join(',') : undefined,
    });
  });

  input.installedBefore.forEach((pkg, index) => {
    const decision = input.evaluation.installedDecisions[index];
    const key = packageKey(pkg);
    const now = after.get(key);
    // Removed during the run (apt may remove a conflicting package), or already reported as an update.
    if (!decision || !now || reported.has(key)) return;
    reported.add(key);
    entries.push({
      Title: `${now.name} ${now.version}`,
      KBId: kbId(now),
      Classification: '',
      Severity: '',
      State: installedState(INSTALLED_STATE[decision], now),
      InstalledTime: now.installedTime,
    });
  });

  for (const name of new Set(input.evaluation.notApplicable)) {
    entries.push({ Title: name, KBId: name, Classification: '', Severity: '', State: 'NotApplicable' });
  }
  return entries;
}
