import { and, asc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { defaultPatchBaselines, patchBaselines, patchGroups, type PatchOperatingSystem } from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound, OpsdeckError, validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { baselineArn, baselineIdOf, newBaselineId } from './ids';
import { RESERVED_NAME_PREFIX } from './predefined';
import { createBaselineInput, updateBaselineInput, type CreateBaselineInput, type UpdateBaselineInput } from './schemas';

export type PatchBaselineRow = typeof patchBaselines.$inferSelect;

/** GetPatchBaseline's shape. */
export interface BaselineView {
  BaselineId: string;
  Name: string;
  OperatingSystem: PatchOperatingSystem;
  GlobalFilters: PatchBaselineRow['globalFilters'];
  ApprovalRules: PatchBaselineRow['approvalRules'];
  ApprovedPatches: string[];
  ApprovedPatchesComplianceLevel: PatchBaselineRow['approvedPatchesComplianceLevel'];
  ApprovedPatchesEnableNonSecurity: boolean;
  RejectedPatches: string[];
  RejectedPatchesAction: PatchBaselineRow['rejectedPatchesAction'];
  PatchGroups: string[];
  CreatedDate: Date;
  ModifiedDate: Date;
  Description?: string;
  Sources: PatchBaselineRow['sources'];
  /** Opsdeck's own members for the console: AWS-owned (read-only), and the OS default. */
  IsPredefined: boolean;
  DefaultBaseline: boolean;
}

/** DescribePatchBaselines' BaselineIdentity. */
export interface BaselineIdentity {
  BaselineId: string;
  BaselineName: string;
  OperatingSystem: PatchOperatingSystem;
  BaselineDescription?: string;
  DefaultBaseline: boolean;
}

export function toBaselineIdentity(row: PatchBaselineRow, isDefault: boolean): BaselineIdentity {
  return { BaselineId: row.id, BaselineName: row.name, OperatingSystem: row.operatingSystem, BaselineDescription: row.description ?? undefined, DefaultBaseline: isDefault };
}

function toBaselineView(row: PatchBaselineRow, groups: string[], isDefault: boolean): BaselineView {
  return {
    BaselineId: row.id,
    Name: row.name,
    OperatingSystem: row.operatingSystem,
    GlobalFilters: row.globalFilters,
    ApprovalRules: row.approvalRules,
    ApprovedPatches: row.approvedPatches,
    ApprovedPatchesComplianceLevel: row.approvedPatchesComplianceLevel,
    ApprovedPatchesEnableNonSecurity: row.approvedPatchesEnableNonSecurity,
    RejectedPatches: row.rejectedPatches,
    RejectedPatchesAction: row.rejectedPatchesAction,
    PatchGroups: groups,
    CreatedDate: row.createdAt,
    ModifiedDate: row.modifiedAt,
    Description: row.description ?? undefined,
    Sources: row.sources,
    IsPredefined: row.isPredefined,
    DefaultBaseline: isDefault,
  };
}

export async function findBaseline(idOrArn: string): Promise<PatchBaselineRow> {
  const id = baselineIdOf(idOrArn);
  const [row] = await getDb().select().from(patchBaselines).where(eq(patchBaselines.id, id));
  if (!row) throw notFound('DoesNotExistException', `Patch baseline ${id} does not exist`);
  return row;
}

async function isDefaultBaseline(row: PatchBaselineRow): Promise<boolean> {
  const [entry] = await getDb().select().from(defaultPatchBaselines).where(eq(defaultPatchBaselines.operatingSystem, row.operatingSystem));
  return entry?.baselineId === row.id;
}

async function groupsOf(baselineId: string): Promise<string[]> {
  const rows = await getDb().select({ patchGroup: patchGroups.patchGroup }).from(patchGroups).where(eq(patchGroups.baselineId, baselineId)).orderBy(asc(patchGroups.patchGroup));
  return rows.map((row) => row.patchGroup);
}

function refuseReservedName(name: string): void {
  if (name.startsWith(RESERVED_NAME_PREFIX)) throw validationError(`Name: '${name}' starts with ${RESERVED_NAME_PREFIX}, which is reserved for predefined baselines`);
}

function refusePredefined(row: PatchBaselineRow, verb: string): void {
  if (row.isPredefined) throw new OpsdeckError('AccessDeniedException', `${row.name} is a predefined baseline and cannot be ${verb}; create your own baseline instead`, 403);
}

/** CreatePatchBaseline: a new baseline of the caller's, not registered anywhere yet. */
export async function createPatchBaseline(caller: Caller, rawInput: CreateBaselineInput): Promise<{ BaselineId: string }> {
  const input = createBaselineInput.parse(rawInput);
  const id = newBaselineId();
  return perform(caller, { name: 'CreatePatchBaseline', iamAction: 'ssm:CreatePatchBaseline', resources: [baselineArn(id)], parameters: input }, async () => {
    refuseReservedName(input.Name);
    // ClientToken is accepted (the AWS CLI always sends one) without idempotency: a retried create makes a second baseline.
    await getDb()
      .insert(patchBaselines)
      .values({
        id,
        name: input.Name,
        description: input.Description ?? null,
        operatingSystem: input.OperatingSystem,
        globalFilters: input.GlobalFilters ?? { PatchFilters: [] },
        approvalRules: input.ApprovalRules ?? { PatchRules: [] },
        approvedPatches: input.ApprovedPatches ?? [],
        approvedPatchesComplianceLevel: input.ApprovedPatchesComplianceLevel ?? 'UNSPECIFIED',
        approvedPatchesEnableNonSecurity: input.ApprovedPatchesEnableNonSecurity ?? false,
        rejectedPatches: input.RejectedPatches ?? [],
        rejectedPatchesAction: input.RejectedPatchesAction ?? 'ALLOW_AS_DEPENDENCY',
        sources: input.Sources ?? [],
        tags: Object.fromEntries((input.Tags ?? []).map((tag) => [tag.Key, tag.Value])),
      });
    return { BaselineId: id };
  });
}

type Input = ReturnType<typeof updateBaselineInput.parse>;

/** The baseline's members after an update: given ones replace; with Replace, left-out optional ones are cleared. */
function updatedMembers(row: PatchBaselineRow, input: Input) {
  const keep = <T>(given: T | undefined, current: T, cleared: T): T => (given !== undefined ? given : input.Replace ? cleared : current);
  return {
    name: input.Name ?? row.name,
    description: keep(input.Description, row.description, null),
    globalFilters: keep(input.GlobalFilters, row.globalFilters, { PatchFilters: [] }),
    approvalRules: keep(input.ApprovalRules, row.approvalRules, { PatchRules: [] }),
    approvedPatches: keep(input.ApprovedPatches, row.approvedPatches, []),
    approvedPatchesComplianceLevel: keep(input.ApprovedPatchesComplianceLevel, row.approvedPatchesComplianceLevel, 'UNSPECIFIED'),
    approvedPatchesEnableNonSecurity: keep(input.ApprovedPatchesEnableNonSecurity, row.approvedPatchesEnableNonSecurity, false),
    rejectedPatches: keep(input.RejectedPatches, row.rejectedPatches, []),
    rejectedPatchesAction: keep(input.RejectedPatchesAction, row.rejectedPatchesAction, 'ALLOW_AS_DEPENDENCY'),
    sources: keep(input.Sources, row.sources, []),
    modifiedAt: new Date(),
  };
}

/** UpdatePatchBaseline: nodes pick the change up at their next scan (the SnapshotId changes). */
export async function updatePatchBaseline(caller: Caller, rawInput: UpdateBaselineInput): Promise<BaselineView> {
  const input = updateBaselineInput.parse(rawInput);
  const id = baselineIdOf(input.BaselineId);
  return perform(caller, { name: 'UpdatePatchBaseline', iamAction: 'ssm:UpdatePatchBaseline', resources: [baselineArn(id)], parameters: input }, async () => {
    const row = await findBaseline(id);
    refusePredefined(row, 'changed');
    if (input.Name !== undefined) refuseReservedName(input.Name);
    const [updated] = await getDb().update(patchBaselines).set(updatedMembers(row, input)).where(eq(patchBaselines.id, row.id)).returning();
    return toBaselineView(updated!, await groupsOf(row.id), await isDefaultBaseline(updated!));
  });
}

export async function getPatchBaseline(caller: Caller, idOrArn: string): Promise<BaselineView> {
  const id = baselineIdOf(idOrArn);
  return perform(caller, { name: 'GetPatchBaseline', iamAction: 'ssm:GetPatchBaseline', resources: [baselineArn(id)], parameters: { baselineId: id }, isAudited: false }, async () => {
    const row = await findBaseline(id);
    return toBaselineView(row, await groupsOf(row.id), await isDefaultBaseline(row));
  });
}

export interface ListBaselinesInput {
  namePrefix?: string;
  owner?: 'Self' | 'AWS' | 'All';
  operatingSystems?: PatchOperatingSystem[];
  offset?: number;
  maxResults?: number;
}

/** DescribePatchBaselines: predefined and own baselines in name order, with AWS's filters. */
export async function describePatchBaselines(caller: Caller, input: ListBaselinesInput = {}): Promise<{ baselines: BaselineIdentity[]; hasMore: boolean }> {
  return perform(caller, { name: 'DescribePatchBaselines', iamAction: 'ssm:DescribePatchBaselines', parameters: input, isAudited: false }, async () => {
    const conditions: SQL[] = [];
    if (input.namePrefix) conditions.push(ilike(patchBaselines.name, `${input.namePrefix.replace(/[\\%_]/g, '\\$&')}%`));
    if (input.owner === 'Self') conditions.push(eq(patchBaselines.isPredefined, false));
    if (input.owner === 'AWS') conditions.push(eq(patchBaselines.isPredefined, true));
    if (input.operatingSystems?.length) conditions.push(inArray(patchBaselines.operatingSystem, input.operatingSystems));
    const limit = input.maxResults ?? 100;
    const rows = await getDb()
      .select({ baseline: patchBaselines, defaultFor: defaultPatchBaselines.operatingSystem })
      .from(patchBaselines)
      .leftJoin(defaultPatchBaselines, eq(defaultPatchBaselines.baselineId, patchBaselines.id))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(patchBaselines.name), asc(patchBaselines.id))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return { baselines: rows.slice(0, limit).map((row) => toBaselineIdentity(row.baseline, row.defaultFor !== null)), hasMore: rows.length > limit };
  });
}

/** DeletePatchBaseline: refused while a patch group or an operating system's default uses it. */
export async function deletePatchBaseline(caller: Caller, idOrArn: string): Promise<{ BaselineId: string }> {
  const id = baselineIdOf(idOrArn);
  return perform(caller, { name: 'DeletePatchBaseline', iamAction: 'ssm:DeletePatchBaseline', resources: [baselineArn(id)], parameters: { baselineId: id } }, async () => {
    const row = await findBaseline(id);
    refusePredefined(row, 'deleted');
    if (await isDefaultBaseline(row)) throw new OpsdeckError('ResourceInUseException', `${row.name} (${row.id}) is the default baseline for ${row.operatingSystem}; make another baseline the default first`);
    const groups = await groupsOf(row.id);
    if (groups.length > 0) throw new OpsdeckError('ResourceInUseException', `${row.name} (${row.id}) is registered to patch group${groups.length === 1 ? '' : 's'} ${groups.join(', ')}; deregister it first`);
    await getDb().delete(patchBaselines).where(eq(patchBaselines.id, row.id));
    return { BaselineId: row.id };
  });
}
