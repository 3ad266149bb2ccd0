import type { PatchComplianceLevel, PatchFilter, PatchOperatingSystem, PatchRule } from '@/db/schema';
import { isAptBased } from './operating-systems';

/** What evaluation reads of a baseline (a patch_baselines row has all of it). */
export interface BaselineRules {
  operatingSystem: PatchOperatingSystem;
  globalFilters: { PatchFilters: PatchFilter[] };
  approvalRules: { PatchRules: PatchRule[] };
  approvedPatches: string[];
  approvedPatchesComplianceLevel: PatchComplianceLevel;
  approvedPatchesEnableNonSecurity: boolean;
  rejectedPatches: string[];
  rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY' | 'BLOCK';
}

/** One package version as the baseline sees it: an offered update or an installed package. */
export interface CandidatePatch {
  name: string;
  arch: string;
  /** The version this decision is about: the update's, or the installed one. */
  version: string;
  product: string;
  section: string;
  priority: string;
  classification: string;
  severity: string;
  /**
   * Epoch ms. Undefined means "released long ago": callers pass the first time Opsdeck saw an
   * update without a release date (see catalogue.ts), so only installed packages arrive without one.
   */
  releaseDate?: number;
}

/** AWS's PatchStatus.DeploymentStatus, plus NOT_APPROVED for what no rule selects. */
export type DeploymentStatus = 'APPROVED' | 'PENDING_APPROVAL' | 'EXPLICIT_APPROVED' | 'EXPLICIT_REJECTED' | 'NOT_APPROVED';

export interface PatchVerdict {
  status: DeploymentStatus;
  complianceLevel: PatchComplianceLevel;
  /** When the patch is (or will be) approved, for APPROVED and PENDING_APPROVAL. */
  approvalDate?: number;
}

export const PATCH_FILTER_KEYS = ['PRODUCT', 'SECTION', 'PRIORITY', 'CLASSIFICATION', 'SEVERITY', 'PACKAGE_NAME'] as const;
export type PatchFilterKey = (typeof PATCH_FILTER_KEYS)[number];

const DAY_MS = 86_400_000;

/** A pattern with `*` wildcards as an anchored regular expression; everything else is literal. */
export function globToRegExp(pattern: string, isCaseSensitive: boolean): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, isCaseSensitive ? '' : 'i');
}

/**
 * The spellings a package-list entry may use for this package, as AWS's "package name formats"
 * allow: apt `name`, `name=version`, `name:arch`; yum `name.arch`, `name-version`,
 * `name-version.arch` (version with or without its `0:` epoch).
 */
export function packageSpellings(name: string, arch: string, version: string): string[] {
  const spellings = [name];
  if (arch) spellings.push(`${name}:${arch}`, `${name}.${arch}`);
  const versions = version ? [...new Set([version, version.replace(/^0:/, '')])] : [];
  for (const each of versions) {
    spellings.push(`${name}=${each}`, `${name}-${each}`);
    if (arch) spellings.push(`${name}:${arch}=${each}`, `${name}-${each}.${arch}`);
  }
  return spellings;
}

type Field = (patch: CandidatePatch) => string;
const FILTER_FIELDS: Record<PatchFilterKey, Field> = {
  PRODUCT: (patch) => patch.product,
  SECTION: (patch) => patch.section,
  PRIORITY: (patch) => patch.priority,
  CLASSIFICATION: (patch) => patch.classification,
  SEVERITY: (patch) => patch.severity,
  PACKAGE_NAME: (patch) => patch.name,
};

type Predicate = (patch: CandidatePatch) => boolean;

/** All filters of a group must hold; one of a filter's values is enough. */
function compileFilterGroup(filters: PatchFilter[]): Predicate {
  const checks = filters.map((filter) => {
    const key = filter.Key as PatchFilterKey;
    const field = FILTER_FIELDS[key];
    if (!field) return () => false;
    const patterns = filter.Values.map((value) => globToRegExp(value, key === 'PACKAGE_NAME'));
    return (patch: CandidatePatch) => {
      const value = field(patch);
      return patterns.some((pattern) => pattern.test(value));
    };
  });
  return (patch) => checks.every((check) => check(patch));
}

function compilePackageList(entries: string[]): Predicate {
  const patterns = entries.map((entry) => globToRegExp(entry, true));
  if (patterns.length === 0) return () => false;
  return (patch) => packageSpellings(patch.name, patch.arch, patch.version).some((spelling) => patterns.some((pattern) => pattern.test(spelling)));
}

const isSecurity = (patch: CandidatePatch) => patch.classification.toLowerCase() === 'security';

/** End of the given day (UTC): ApproveUntilDate approves what was released on that day too. */
function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}

interface CompiledRule {
  matches: Predicate;
  rule: PatchRule;
}

/**
 * A baseline turned into one function of a patch, so a scan of thousands of updates compiles its
 * patterns once. AWS's order: the rejected list wins, then the approved list, then the global
 * filters and the first approval rule whose filters match.
 */
export function compileBaseline(baseline: BaselineRules): (patch: CandidatePatch, now: number) => PatchVerdict {
  const isRejected = compilePackageList(baseline.rejectedPatches);
  const isApproved = compilePackageList(baseline.approvedPatches);
  const passesGlobal = compileFilterGroup(baseline.globalFilters.PatchFilters);
  const rules: CompiledRule[] = baseline.approvalRules.PatchRules.map((rule) => ({ rule, matches: compileFilterGroup(rule.PatchFilterGroup.PatchFilters) }));
  // On yum/dnf systems AWS approves only security updates unless EnableNonSecurity says otherwise;
  // apt baselines select from every repository.
  const isGated = !isAptBased(baseline.operatingSystem);
  const notApproved: PatchVerdict = { status: 'NOT_APPROVED', complianceLevel: 'UNSPECIFIED' };

  return (patch, now) => {
    if (isRejected(patch)) return { status: 'EXPLICIT_REJECTED', complianceLevel: 'UNSPECIFIED' };
    if (isApproved(patch) && (!isGated || baseline.approvedPatchesEnableNonSecurity || isSecurity(patch))) {
      return { status: 'EXPLICIT_APPROVED', complianceLevel: baseline.approvedPatchesComplianceLevel };
    }
    if (!passesGlobal(patch)) return notApproved;
    for (const { rule, matches } of rules) {
      if (!matches(patch)) continue;
      if (isGated && !rule.EnableNonSecurity && !isSecurity(patch)) continue;
      return ruleVerdict(rule, patch.releaseDate, now);
    }
    return notApproved;
  };
}

/** A matching rule approves once its wait is over; before that the patch is PENDING_APPROVAL. */
function ruleVerdict(rule: PatchRule, releaseDate: number | undefined, now: number): PatchVerdict {
  const complianceLevel = rule.ComplianceLevel ?? 'UNSPECIFIED';
  if (rule.ApproveUntilDate !== undefined) {
    const isReleasedInTime = releaseDate === undefined || releaseDate <= endOfDay(rule.ApproveUntilDate);
    return isReleasedInTime ? { status: 'APPROVED', complianceLevel, approvalDate: releaseDate } : { status: 'NOT_APPROVED', complianceLevel: 'UNSPECIFIED' };
  }
  if (releaseDate === undefined) return { status: 'APPROVED', complianceLevel };
  const approvalDate = releaseDate + (rule.ApproveAfterDays ?? 0) * DAY_MS;
  return { status: approvalDate <= now ? 'APPROVED' : 'PENDING_APPROVAL', complianceLevel, approvalDate };
}

/** The agent's three-way decision: only APPROVED and EXPLICIT_APPROVED patches get installed. */
export function decisionOf(verdict: PatchVerdict): 'Approved' | 'Rejected' | 'NotApproved' {
  if (verdict.status === 'APPROVED' || verdict.status === 'EXPLICIT_APPROVED') return 'Approved';
  if (verdict.status === 'EXPLICIT_REJECTED') return 'Rejected';
  return 'NotApproved';
}

/**
 * Entries of the approved list that name a package (no wildcard) the node neither has nor is
 * offered: AWS reports those NotApplicable, under the entry's package name.
 */
export function notApplicableEntries(approvedPatches: string[], packages: CandidatePatch[]): string[] {
  const literal = approvedPatches.filter((entry) => !entry.includes('*'));
  if (literal.length === 0) return [];
  const known = new Set(packages.flatMap((patch) => packageSpellings(patch.name, patch.arch, patch.version)));
  return [...new Set(literal.filter((entry) => !known.has(entry)).map((entry) => entry.split(/[=:]/)[0]!))];
}
