import { and, asc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { defaultPatchBaselines, patchBaselines, patchGroups, type PatchOperatingSystem } from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound, OpsdeckError, validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findBaseline, toBaselineIdentity, type BaselineIdentity } from './baselines';
import { baselineArn, baselineIdOf } from './ids';
import { patchGroupSchema } from './schemas';

/** RegisterPatchBaselineForPatchGroup: one baseline per patch group and operating system. */
export async function registerPatchGroup(caller: Caller, input: { baselineId: string; patchGroup: string }): Promise<{ BaselineId: string; PatchGroup: string }> {
  const id = baselineIdOf(input.baselineId);
  const patchGroup = patchGroupSchema.parse(input.patchGroup);
  return perform(caller, { name: 'RegisterPatchBaselineForPatchGroup', iamAction: 'ssm:RegisterPatchBaselineForPatchGroup', resources: [baselineArn(id)], parameters: { baselineId: id, patchGroup } }, async () => {
    const baseline = await findBaseline(id);
    const inserted = await getDb().insert(patchGroups).values({ patchGroup, operatingSystem: baseline.operatingSystem, baselineId: baseline.id }).onConflictDoNothing().returning();
    if (inserted.length === 0) {
      const [existing] = await getDb().select().from(patchGroups).where(and(eq(patchGroups.patchGroup, patchGroup), eq(patchGroups.operatingSystem, baseline.operatingSystem)));
      throw new OpsdeckError('AlreadyExistsException', `patch group '${patchGroup}' already has baseline ${existing?.baselineId ?? '(another)'} for ${baseline.operatingSystem}; deregister it first`);
    }
    return { BaselineId: baseline.id, PatchGroup: patchGroup };
  });
}

/** DeregisterPatchBaselineForPatchGroup: the group's nodes fall back to their OS default. */
export async function deregisterPatchGroup(caller: Caller, input: { baselineId: string; patchGroup: string }): Promise<{ BaselineId: string; PatchGroup: string }> {
  const id = baselineIdOf(input.baselineId);
  const patchGroup = patchGroupSchema.parse(input.patchGroup);
  return perform(caller, { name: 'DeregisterPatchBaselineForPatchGroup', iamAction: 'ssm:DeregisterPatchBaselineForPatchGroup', resources: [baselineArn(id)], parameters: { baselineId: id, patchGroup } }, async () => {
    const deleted = await getDb().delete(patchGroups).where(and(eq(patchGroups.patchGroup, patchGroup), eq(patchGroups.baselineId, id))).returning();
    if (deleted.length === 0) throw notFound('DoesNotExistException', `baseline ${id} is not registered to patch group '${patchGroup}'`);
    return { BaselineId: id, PatchGroup: patchGroup };
  });
}

/**
 * GetPatchBaselineForPatchGroup. AWS assumes WINDOWS when OperatingSystem is left out; Opsdeck
 * answers with the group's only registration then, and asks for the OS when there are several.
 */
export async function getBaselineForPatchGroup(caller: Caller, input: { patchGroup: string; operatingSystem?: PatchOperatingSystem }) {
  const patchGroup = patchGroupSchema.parse(input.patchGroup);
  return perform(caller, { name: 'GetPatchBaselineForPatchGroup', iamAction: 'ssm:GetPatchBaselineForPatchGroup', parameters: input, isAudited: false }, async () => {
    const conditions = [eq(patchGroups.patchGroup, patchGroup)];
    if (input.operatingSystem) conditions.push(eq(patchGroups.operatingSystem, input.operatingSystem));
    const rows = await getDb().select().from(patchGroups).where(and(...conditions));
    if (rows.length > 1) throw validationError(`patch group '${patchGroup}' has baselines for ${rows.map((row) => row.operatingSystem).join(', ')}; give OperatingSystem`);
    const [row] = rows;
    if (!row) {
      if (!input.operatingSystem) throw notFound('DoesNotExistException', `patch group '${patchGroup}' has no baseline registered`);
      const fallback = await defaultBaselineId(input.operatingSystem);
      return { BaselineId: fallback, PatchGroup: patchGroup, OperatingSystem: input.operatingSystem };
    }
    return { BaselineId: row.baselineId, PatchGroup: row.patchGroup, OperatingSystem: row.operatingSystem };
  });
}

export interface ListPatchGroupsInput {
  namePrefix?: string;
  operatingSystems?: PatchOperatingSystem[];
  offset?: number;
  maxResults?: number;
}

/** DescribePatchGroups: each group with the baseline it uses (one mapping per group and OS). */
export async function describePatchGroups(caller: Caller, input: ListPatchGroupsInput = {}): Promise<{ mappings: { PatchGroup: string; BaselineIdentity: BaselineIdentity }[]; hasMore: boolean }> {
  return perform(caller, { name: 'DescribePatchGroups', iamAction: 'ssm:DescribePatchGroups', parameters: input, isAudited: false }, async () => {
    const conditions: SQL[] = [];
    if (input.namePrefix) conditions.push(ilike(patchGroups.patchGroup, `${input.namePrefix.replace(/[\\%_]/g, '\\$&')}%`));
    if (input.operatingSystems?.length) conditions.push(inArray(patchGroups.operatingSystem, input.operatingSystems));
    const limit = input.maxResults ?? 100;
    const rows = await getDb()
      .select({ patchGroup: patchGroups.patchGroup, baseline: patchBaselines, defaultFor: defaultPatchBaselines.operatingSystem })
      .from(patchGroups)
      .innerJoin(patchBaselines, eq(patchBaselines.id, patchGroups.baselineId))
      .leftJoin(defaultPatchBaselines, eq(defaultPatchBaselines.baselineId, patchBaselines.id))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(patchGroups.patchGroup), asc(patchGroups.operatingSystem))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return {
      mappings: rows.slice(0, limit).map((row) => ({ PatchGroup: row.patchGroup, BaselineIdentity: toBaselineIdentity(row.baseline, row.defaultFor !== null) })),
      hasMore: rows.length > limit,
    };
  });
}

async function defaultBaselineId(operatingSystem: PatchOperatingSystem): Promise<string> {
  const [row] = await getDb().select().from(defaultPatchBaselines).where(eq(defaultPatchBaselines.operatingSystem, operatingSystem));
  if (!row) throw notFound('DoesNotExistException', `no default patch baseline for ${operatingSystem}`);
  return row.baselineId;
}

/** RegisterDefaultPatchBaseline: nodes of the baseline's OS outside any patch group use it from their next scan. */
export async function registerDefaultPatchBaseline(caller: Caller, baselineId: string): Promise<{ BaselineId: string }> {
  const id = baselineIdOf(baselineId);
  return perform(caller, { name: 'RegisterDefaultPatchBaseline', iamAction: 'ssm:RegisterDefaultPatchBaseline', resources: [baselineArn(id)], parameters: { baselineId: id } }, async () => {
    const baseline = await findBaseline(id);
    await getDb()
      .insert(defaultPatchBaselines)
      .values({ operatingSystem: baseline.operatingSystem, baselineId: baseline.id })
      .onConflictDoUpdate({ target: defaultPatchBaselines.operatingSystem, set: { baselineId: baseline.id } });
    return { BaselineId: baseline.id };
  });
}

export async function getDefaultPatchBaseline(caller: Caller, operatingSystem: PatchOperatingSystem): Promise<{ BaselineId: string; OperatingSystem: PatchOperatingSystem }> {
  return perform(caller, { name: 'GetDefaultPatchBaseline', iamAction: 'ssm:GetDefaultPatchBaseline', parameters: { operatingSystem }, isAudited: false }, async () => ({
    BaselineId: await defaultBaselineId(operatingSystem),
    OperatingSystem: operatingSystem,
  }));
}

/** The baseline a node uses: its patch group's for its OS, else the OS default. */
export async function effectiveBaselineId(operatingSystem: PatchOperatingSystem, patchGroup: string | null): Promise<string> {
  if (patchGroup) {
    const [row] = await getDb().select().from(patchGroups).where(and(eq(patchGroups.patchGroup, patchGroup), eq(patchGroups.operatingSystem, operatingSystem)));
    if (row) return row.baselineId;
  }
  return defaultBaselineId(operatingSystem);
}

/** AWS reads the `Patch Group` tag, and `PatchGroup` where tag keys may not hold spaces. */
export function patchGroupOf(tags: Record<string, string>): string | null {
  return tags['Patch Group'] || tags['PatchGroup'] || null;
}
