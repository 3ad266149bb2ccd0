import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { availablePatches, PATCH_OPERATING_SYSTEMS } from '@/db/schema';
import { getDb } from '@/server/context';
import { validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findBaseline } from './baselines';
import { candidateOfRow, catalogueNamePage, type AvailablePatchRow } from './catalogue';
import { compileBaseline, globToRegExp } from './evaluate';
import { baselineArn, baselineIdOf } from './ids';

/** AWS's Patch, as it describes a Linux package update. */
export interface PatchView {
  Id: string;
  Title: string;
  ReleaseDate?: Date;
  Product: string;
  Classification: string;
  Severity: string;
  Name: string;
  Version: string;
  Epoch: number;
  Release: string;
  Arch: string;
  Repository: string;
  CVEIds: string[];
  /** Opsdeck's own members: apt section and priority, which AWS's Patch has no room for. */
  Section: string;
  Priority: string;
}

/** `epoch:version-release` as rpm writes it; apt versions carry an epoch too (`1:2.3-4`). */
function versionParts(version: string): { epoch: number; version: string; release: string } {
  const [, epoch, rest] = /^(?:(\d+):)?(.*)$/.exec(version)!;
  const dash = rest!.lastIndexOf('-');
  return { epoch: Number(epoch ?? 0), version: dash > 0 ? rest!.slice(0, dash) : rest!, release: dash > 0 ? rest!.slice(dash + 1) : '' };
}

export function toPatchView(row: AvailablePatchRow): PatchView {
  const parts = versionParts(row.version);
  const id = `${row.name}${row.arch ? `.${row.arch}` : ''}:${row.version}`;
  return {
    Id: id,
    Title: id,
    ReleaseDate: row.releaseDate ?? undefined,
    Product: row.product,
    Classification: row.classification,
    Severity: row.severity,
    Name: row.name,
    Version: parts.version,
    Epoch: parts.epoch,
    Release: parts.release,
    Arch: row.arch,
    Repository: row.repository,
    CVEIds: row.cveIds,
    Section: row.section,
    Priority: row.priority,
  };
}

/** DescribeAvailablePatches' Linux filter keys, plus OPERATING_SYSTEM (the catalogue holds every OS). */
export const AVAILABLE_PATCH_FILTER_KEYS = ['OPERATING_SYSTEM', 'PRODUCT', 'NAME', 'CLASSIFICATION', 'SEVERITY', 'SECTION', 'PRIORITY', 'REPOSITORY', 'ARCH', 'VERSION', 'CVE_ID'] as const;
export type AvailablePatchFilterKey = (typeof AVAILABLE_PATCH_FILTER_KEYS)[number];

const COLUMN_OF_KEY = {
  OPERATING_SYSTEM: availablePatches.operatingSystem,
  PRODUCT: availablePatches.product,
  NAME: availablePatches.name,
  CLASSIFICATION: availablePatches.classification,
  SEVERITY: availablePatches.severity,
  SECTION: availablePatches.section,
  PRIORITY: availablePatches.priority,
  REPOSITORY: availablePatches.repository,
  ARCH: availablePatches.arch,
  VERSION: availablePatches.version,
} as const;

/** One filter as SQL: any of its values, `*` as a wildcard (AWS's NAME takes `kernel*`). */
function availableFilterCondition(key: AvailablePatchFilterKey, values: string[]): SQL {
  if (key === 'OPERATING_SYSTEM') {
    const unknown = values.filter((value) => !(PATCH_OPERATING_SYSTEMS as readonly string[]).includes(value));
    if (unknown.length > 0) throw validationError(`OPERATING_SYSTEM: ${unknown.join(', ')} is not one of ${PATCH_OPERATING_SYSTEMS.join(', ')}`);
  }
  if (key === 'CVE_ID') return sql`${availablePatches.cveIds} ?| array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`;
  const column = COLUMN_OF_KEY[key];
  const alternatives = values.map((value) => (value.includes('*') ? sql`${column} ~ ${globToRegExp(value, true).source}` : sql`${column} = ${value}`));
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

/** DescribeAvailablePatches: the catalogue of updates nodes have been offered. */
export async function describeAvailablePatches(caller: Caller, input: { filters: Partial<Record<AvailablePatchFilterKey, string[]>>; offset?: number; maxResults?: number }) {
  return perform(caller, { name: 'DescribeAvailablePatches', iamAction: 'ssm:DescribeAvailablePatches', parameters: input, isAudited: false }, async () => {
    const conditions = (Object.entries(input.filters) as [AvailablePatchFilterKey, string[]][]).filter(([, values]) => values.length > 0).map(([key, values]) => availableFilterCondition(key, values));
    const { rows, hasMore } = await catalogueNamePage({ conditions, offset: input.offset ?? 0, limit: input.maxResults ?? 50 });
    return { patches: rows.map(toPatchView), hasMore };
  });
}

/** AWS's EffectivePatch. */
export interface EffectivePatchView {
  Patch: PatchView;
  PatchStatus: { DeploymentStatus: string; ComplianceLevel: string; ApprovalDate?: Date };
}

/**
 * DescribeEffectivePatchesForPatchBaseline: the catalogue of the baseline's operating system
 * through the very function scans use, leaving out what the baseline does not select.
 */
export async function describeEffectivePatches(caller: Caller, input: { baselineId: string; offset?: number; maxResults?: number }, now = Date.now()): Promise<{ patches: EffectivePatchView[]; hasMore: boolean }> {
  const id = baselineIdOf(input.baselineId);
  return perform(caller, { name: 'DescribeEffectivePatchesForPatchBaseline', iamAction: 'ssm:DescribeEffectivePatchesForPatchBaseline', resources: [baselineArn(id)], parameters: input, isAudited: false }, async () => {
    const baseline = await findBaseline(id);
    const evaluate = compileBaseline(baseline);
    const rows = await getDb().select().from(availablePatches).where(eq(availablePatches.operatingSystem, baseline.operatingSystem)).orderBy(asc(availablePatches.name), asc(availablePatches.arch), asc(availablePatches.version));
    const effective: EffectivePatchView[] = [];
    for (const row of rows) {
      const verdict = evaluate(candidateOfRow(row), now);
      if (verdict.status === 'NOT_APPROVED') continue;
      effective.push({ Patch: toPatchView(row), PatchStatus: { DeploymentStatus: verdict.status, ComplianceLevel: verdict.complianceLevel, ApprovalDate: verdict.approvalDate === undefined ? undefined : new Date(verdict.approvalDate) } });
    }
    const offset = input.offset ?? 0;
    const limit = input.maxResults ?? 100;
    return { patches: effective.slice(offset, offset + limit), hasMore: effective.length > offset + limit };
  });
}
