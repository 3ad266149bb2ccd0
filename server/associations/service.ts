import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { associationExecutions, associationExecutionTargets, associations, associationVersions, type AssociationRow } from '@/db/schema';
import { removeAssociationCompliance } from '@/server/compliance/association';
import { getDb, getServerContext } from '@/server/context';
import { formatIssue } from '@/server/documents/content';
import { resolveParameterValues } from '@/server/documents/parameters';
import { checkContent, documentResourceArn, loadDocumentVersion } from '@/server/documents/service';
import { OpsdeckError, validationError } from '@/server/errors';
import { resourceArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { isUuid } from '@/server/uuid';
import { resolveTargets } from '@/server/resource-groups/service';
import { forgetSchedule, reschedule } from '@/server/schedules/runner';
import { parseSchedule, type Schedule } from '@/server/schedules/expressions';
import { currentTargetIds, effectiveTargets, startRun } from './runs';
import { associationSettingsInput, listAssociationsInput, updateAssociationInput, type AssociationSettingsInput, type ListAssociationsInput, type UpdateAssociationInput } from './schemas';
import { settingsOf, toAssociationDescription, toExecutionTargetView, toExecutionView, toVersionView, type AssociationOverview } from './views';

export const ASSOCIATION_SCHEDULE_KIND = 'association';

function associationArn(id: string): string {
  const { region, accountId } = getServerContext();
  return resourceArn(region, accountId, 'association', id);
}

async function findAssociation(associationId: string): Promise<AssociationRow> {
  const [row] = isUuid(associationId) ? await getDb().select().from(associations).where(eq(associations.id, associationId)) : [];
  if (!row) throw new OpsdeckError('AssociationDoesNotExist', `there is no association ${associationId}`, 404);
  return row;
}

/** The association's schedule, or undefined when it runs once. */
export function scheduleOf(row: Pick<AssociationRow, 'scheduleExpression' | 'scheduleOffset'>): Schedule | undefined {
  if (!row.scheduleExpression) return undefined;
  return parseSchedule(row.scheduleExpression, { scheduleOffsetDays: row.scheduleOffset ?? undefined });
}

/** Everything a create or update checks before anything is stored: document, parameters, schedule, targets. */
async function checkSettings(caller: Caller, settings: ReturnType<typeof associationSettingsInput.parse>): Promise<{ documentType: 'Command' | 'Automation' | 'Policy' }> {
  const version = await loadDocumentVersion(settings.documentName, { documentVersion: settings.documentVersion }).catch((error: unknown) => {
    throw new OpsdeckError('InvalidDocument', `${settings.documentName}: ${(error as Error).message}`);
  });
  if (version.documentType !== 'Command' && version.documentType !== 'Automation' && version.documentType !== 'Policy') {
    throw new OpsdeckError('InvalidDocument', `${settings.documentName} is a ${version.documentType} document; an association applies a Command, Policy or Automation document`);
  }
  const parsed = checkContent(version.documentType, version.documentFormat, version.content);
  const given = { ...(settings.parameters ?? {}) };
  // The target parameter is filled per node when the association runs an Automation runbook.
  const definitions = parsed.parameterDefinitions.filter((definition) => definition.name !== settings.automationTargetParameterName);
  const values = resolveParameterValues(definitions, given);
  if (!values.ok) throw new OpsdeckError('InvalidParameters', values.issues.map(formatIssue).join('; '));
  if (settings.scheduleOffset !== undefined && !settings.scheduleExpression?.startsWith('cron(')) throw validationError('ScheduleOffset is for cron schedules only');
  if (settings.scheduleExpression && scheduleOf({ scheduleExpression: settings.scheduleExpression, scheduleOffset: settings.scheduleOffset ?? null })?.kind === 'at') {
    throw validationError(`ScheduleExpression ${settings.scheduleExpression}: an association runs on cron(...) or rate(...); leave it out to run once`);
  }
  if (settings.applyOnlyAtCronInterval && !settings.scheduleExpression) throw validationError('ApplyOnlyAtCronInterval needs a ScheduleExpression');
  await resolveTargets(caller, effectiveTargets(settings.targets));
  return { documentType: version.documentType };
}

async function overviewOf(row: AssociationRow): Promise<AssociationOverview> {
  const [latest] = await getDb()
    .select()
    .from(associationExecutions)
    .where(eq(associationExecutions.associationId, row.id))
    .orderBy(desc(associationExecutions.createdAt))
    .limit(1);
  const statuses = await nodeStatuses(row);
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status.Status] = (counts[status.Status] ?? 0) + 1;
  return { Status: latest?.status ?? 'Pending', DetailedStatus: latest?.detailedStatus ?? 'Creating', AssociationStatusAggregatedCount: counts };
}

/** Each current target's latest result (Pending until it has run there): the association's status per node. */
export async function nodeStatuses(row: AssociationRow) {
  const nodeIds = await currentTargetIds(row).catch(() => [] as string[]);
  if (nodeIds.length === 0) return [];
  const latest = await getDb()
    .selectDistinctOn([associationExecutionTargets.resourceId])
    .from(associationExecutionTargets)
    .where(and(eq(associationExecutionTargets.associationId, row.id), inArray(associationExecutionTargets.resourceId, nodeIds)))
    .orderBy(associationExecutionTargets.resourceId, sql`${associationExecutionTargets.endedAt} desc nulls last`);
  const byNode = new Map(latest.map((target) => [target.resourceId, target]));
  return nodeIds.map((nodeId) => {
    const target = byNode.get(nodeId);
    return {
      InstanceId: nodeId,
      Status: target?.status ?? 'Pending',
      DetailedStatus: target?.detailedStatus ?? 'Pending',
      ExecutionDate: target?.endedAt ?? undefined,
      ExecutionId: target?.executionId,
      ComplianceStatus: !target ? 'UNKNOWN' : target.status === 'Success' ? 'COMPLIANT' : 'NON_COMPLIANT',
      Severity: row.complianceSeverity,
    };
  });
}

/** What runs right after a create or an update: now, unless it waits for its first cron occurrence. */
async function applySchedule(row: AssociationRow, trigger: 'Create' | 'Update'): Promise<void> {
  const schedule = scheduleOf(row);
  if (!schedule || !row.applyOnlyAtCronInterval) await startRun(row, trigger);
  if (schedule) await reschedule(ASSOCIATION_SCHEDULE_KIND, row.id);
  else await forgetSchedule(ASSOCIATION_SCHEDULE_KIND, row.id);
}

export async function createAssociation(caller: Caller, rawInput: AssociationSettingsInput) {
  const input = associationSettingsInput.parse(rawInput);
  return perform(caller, { name: 'CreateAssociation', iamAction: 'ssm:CreateAssociation', resources: [documentResourceArn(input.documentName)], parameters: input }, async () => {
    const { documentType } = await checkSettings(caller, input);
    if (input.name) {
      const [existing] = await getDb().select({ id: associations.id }).from(associations).where(eq(associations.name, input.name));
      if (existing) throw new OpsdeckError('AssociationAlreadyExists', `an association named ${input.name} already exists (${existing.id})`);
    }
    const row = await getDb().transaction(async (tx) => {
      const [created] = await tx
        .insert(associations)
        .values({
          id: randomUUID(),
          name: input.name ?? null,
          documentName: input.documentName,
          documentVersion: input.documentVersion ?? null,
          documentType,
          parameters: input.parameters ?? {},
          targets: input.targets,
          scheduleExpression: input.scheduleExpression ?? null,
          scheduleOffset: input.scheduleOffset ?? null,
          applyOnlyAtCronInterval: input.applyOnlyAtCronInterval ?? false,
          maxConcurrency: input.maxConcurrency ?? '100%',
          maxErrors: input.maxErrors ?? '100%',
          complianceSeverity: input.complianceSeverity ?? 'UNSPECIFIED',
          automationTargetParameterName: input.automationTargetParameterName ?? null,
          calendarNames: input.calendarNames ?? [],
          createdBy: { userId: caller.userId, username: caller.username },
        })
        .returning();
      await tx.insert(associationVersions).values({ associationId: created!.id, version: 1, settings: settingsOf(created!) });
      return created!;
    });
    await applySchedule(row, 'Create');
    return toAssociationDescription(row, await overviewOf(row));
  });
}

/** CreateAssociationBatch: each entry on its own; failures are reported beside the successes. */
export async function createAssociationBatch(caller: Caller, entries: AssociationSettingsInput[]) {
  if (entries.length === 0 || entries.length > 10) throw validationError('Entries takes 1 to 10 associations');
  const successful: Awaited<ReturnType<typeof createAssociation>>[] = [];
  const failed: { Entry: AssociationSettingsInput; Message: string; Fault: 'Client' | 'Server' }[] = [];
  for (const entry of entries) {
    try {
      successful.push(await createAssociation(caller, entry));
    } catch (error) {
      const isClient = error instanceof OpsdeckError || (error as Error).name === 'ZodError';
      failed.push({ Entry: entry, Message: (error as Error).message, Fault: isClient ? 'Client' : 'Server' });
    }
  }
  return { Successful: successful, Failed: failed };
}

export async function updateAssociation(caller: Caller, rawInput: UpdateAssociationInput) {
  const input = updateAssociationInput.parse(rawInput);
  return perform(caller, { name: 'UpdateAssociation', iamAction: 'ssm:UpdateAssociation', resources: [associationArn(input.associationId)], parameters: input }, async () => {
    const current = await findAssociation(input.associationId);
    if (input.associationVersion && input.associationVersion !== '$LATEST' && Number(input.associationVersion) !== current.version) {
      throw new OpsdeckError('InvalidAssociationVersion', `AssociationVersion ${input.associationVersion} is not the latest (${current.version}); read the association again`);
    }
    const { associationId: _id, associationVersion: _version, ...changes } = input;
    const merged = associationSettingsInput.parse({
      ...Object.fromEntries(Object.entries(settingsOf(current)).map(([key, value]) => [key, value ?? undefined])),
      // Given values replace; null clears; what is left out stays.
      ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined).map(([key, value]) => [key, value ?? undefined])),
    });
    const { documentType } = await checkSettings(caller, merged);
    const row = await getDb().transaction(async (tx) => {
      const [updated] = await tx
        .update(associations)
        .set({
          name: merged.name ?? null,
          documentName: merged.documentName,
          documentVersion: merged.documentVersion ?? null,
          documentType,
          parameters: merged.parameters ?? {},
          targets: merged.targets,
          scheduleExpression: merged.scheduleExpression ?? null,
          scheduleOffset: merged.scheduleOffset ?? null,
          applyOnlyAtCronInterval: merged.applyOnlyAtCronInterval ?? false,
          maxConcurrency: merged.maxConcurrency ?? '100%',
          maxErrors: merged.maxErrors ?? '100%',
          complianceSeverity: merged.complianceSeverity ?? 'UNSPECIFIED',
          automationTargetParameterName: merged.automationTargetParameterName ?? null,
          calendarNames: merged.calendarNames ?? [],
          version: current.version + 1,
          updatedAt: sql`now()`,
        })
        .where(and(eq(associations.id, current.id), eq(associations.version, current.version)))
        .returning();
      if (!updated) throw new OpsdeckError('InvalidAssociationVersion', 'the association changed while it was being updated; read it again');
      await tx.insert(associationVersions).values({ associationId: updated.id, version: updated.version, settings: settingsOf(updated) });
      return updated;
    });
    await applySchedule(row, 'Update');
    return toAssociationDescription(row, await overviewOf(row));
  });
}

export async function describeAssociation(caller: Caller, associationId: string) {
  return perform(caller, { name: 'DescribeAssociation', iamAction: 'ssm:DescribeAssociation', resources: [associationArn(associationId)], parameters: { associationId }, isAudited: false }, async () => {
    const row = await findAssociation(associationId);
    return toAssociationDescription(row, await overviewOf(row));
  });
}

export async function listAssociations(caller: Caller, rawInput: ListAssociationsInput = {}) {
  const input = listAssociationsInput.parse(rawInput);
  return perform(caller, { name: 'ListAssociations', iamAction: 'ssm:ListAssociations', parameters: input, isAudited: false }, async () => {
    const conditions: SQL[] = [];
    if (input.documentName) conditions.push(eq(associations.documentName, input.documentName));
    if (input.associationName) conditions.push(ilike(associations.name, `${input.associationName.replace(/[\\%_]/g, '\\$&')}%`));
    const limit = input.maxResults ?? 50;
    const offset = input.offset ?? 0;
    const query = getDb()
      .select()
      .from(associations)
      .where(and(...conditions))
      .orderBy(desc(associations.createdAt), desc(associations.id));
    let rows: AssociationRow[];
    if (input.nodeId) {
      // Targets are tags and groups evaluated now, so the node filter applies before the page is cut.
      const all = await query;
      const matches = await Promise.all(all.map(async (row) => (await currentTargetIds(row).catch((): string[] => [])).includes(input.nodeId!)));
      rows = all.filter((_, index) => matches[index]).slice(offset, offset + limit + 1);
    } else {
      rows = await query.limit(limit + 1).offset(offset);
    }
    const page = rows.slice(0, limit);
    const views = await Promise.all(page.map(async (row) => toAssociationDescription(row, await overviewOf(row))));
    return { associations: views, hasMore: rows.length > limit };
  });
}

export async function deleteAssociation(caller: Caller, associationId: string): Promise<void> {
  await perform(caller, { name: 'DeleteAssociation', iamAction: 'ssm:DeleteAssociation', resources: [associationArn(associationId)], parameters: { associationId } }, async () => {
    await findAssociation(associationId);
    await forgetSchedule(ASSOCIATION_SCHEDULE_KIND, associationId);
    await getDb().transaction(async (tx) => {
      await tx.delete(associations).where(eq(associations.id, associationId));
      await removeAssociationCompliance(associationId, tx);
    });
  });
}

/** StartAssociationsOnce: a run now, whatever the schedule says. */
export async function startAssociationsOnce(caller: Caller, associationIds: string[]): Promise<void> {
  if (associationIds.length === 0 || associationIds.length > 10) throw validationError('AssociationIds takes 1 to 10 association ids');
  await perform(caller, { name: 'StartAssociationsOnce', iamAction: 'ssm:StartAssociationsOnce', resources: associationIds.map(associationArn), parameters: { associationIds } }, async () => {
    const rows = await getDb().select().from(associations).where(inArray(associations.id, associationIds.filter((id) => isUuid(id))));
    const missing = associationIds.filter((id) => !rows.some((row) => row.id === id));
    if (missing.length > 0) throw new OpsdeckError('InvalidAssociation', `no association ${missing.join(', ')}`);
    for (const row of rows) await startRun(row, 'Manual');
  });
}

/**
 * "Run now" on some of the association's targets only (Compliance's remediation of the nodes where
 * it failed): one run over all of them, in the history like StartAssociationsOnce's.
 */
export async function startAssociationOnNodes(caller: Caller, associationId: string, nodeIds: string[]): Promise<{ associationId: string; associationName: string; executionId: string }> {
  if (nodeIds.length === 0) throw validationError('name at least one node to run the association on');
  return perform(caller, { name: 'StartAssociationsOnce', iamAction: 'ssm:StartAssociationsOnce', resources: [associationArn(associationId)], parameters: { associationId, nodeIds } }, async () => {
    const row = await findAssociation(associationId);
    const targets = new Set(await currentTargetIds(row));
    const outside = nodeIds.filter((nodeId) => !targets.has(nodeId));
    if (outside.length > 0) throw new OpsdeckError('InvalidTarget', `association ${row.name ?? row.id} does not target ${outside.join(', ')}`);
    const execution = await startRun(row, 'Manual', [...new Set(nodeIds)]);
    return { associationId: row.id, associationName: row.name ?? row.documentName, executionId: execution.id };
  });
}

export async function describeAssociationExecutions(caller: Caller, input: { associationId: string; maxResults?: number; offset?: number }) {
  return perform(caller, { name: 'DescribeAssociationExecutions', iamAction: 'ssm:DescribeAssociationExecutions', resources: [associationArn(input.associationId)], parameters: input, isAudited: false }, async () => {
    await findAssociation(input.associationId);
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(associationExecutions)
      .where(eq(associationExecutions.associationId, input.associationId))
      .orderBy(desc(associationExecutions.createdAt))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    const page = rows.slice(0, limit);
    const counts = page.length
      ? await getDb()
          .select({ executionId: associationExecutionTargets.executionId, status: associationExecutionTargets.status, count: sql<number>`count(*)::int` })
          .from(associationExecutionTargets)
          .where(inArray(associationExecutionTargets.executionId, page.map((row) => row.id)))
          .groupBy(associationExecutionTargets.executionId, associationExecutionTargets.status)
      : [];
    const views = page.map((row) => toExecutionView(row, Object.fromEntries(counts.filter((count) => count.executionId === row.id).map((count) => [count.status, count.count]))));
    return { executions: views, hasMore: rows.length > limit };
  });
}

export async function describeAssociationExecutionTargets(caller: Caller, input: { associationId: string; executionId: string; maxResults?: number; offset?: number }) {
  return perform(caller, { name: 'DescribeAssociationExecutionTargets', iamAction: 'ssm:DescribeAssociationExecutionTargets', resources: [associationArn(input.associationId)], parameters: input, isAudited: false }, async () => {
    const [execution] = isUuid(input.executionId)
      ? await getDb()
          .select()
          .from(associationExecutions)
          .where(and(eq(associationExecutions.id, input.executionId), eq(associationExecutions.associationId, input.associationId)))
      : [];
    if (!execution) throw new OpsdeckError('AssociationExecutionDoesNotExist', `association ${input.associationId} has no execution ${input.executionId}`, 404);
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(associationExecutionTargets)
      .where(eq(associationExecutionTargets.executionId, execution.id))
      .orderBy(asc(associationExecutionTargets.resourceId))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return { targets: rows.slice(0, limit).map((row) => toExecutionTargetView(row, execution.associationVersion, execution.commandId)), hasMore: rows.length > limit };
  });
}

export async function listAssociationVersions(caller: Caller, input: { associationId: string; maxResults?: number; offset?: number }) {
  return perform(caller, { name: 'ListAssociationVersions', iamAction: 'ssm:ListAssociationVersions', resources: [associationArn(input.associationId)], parameters: input, isAudited: false }, async () => {
    await findAssociation(input.associationId);
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(associationVersions)
      .where(eq(associationVersions.associationId, input.associationId))
      .orderBy(desc(associationVersions.version))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return { versions: rows.slice(0, limit).map((row) => toVersionView(row.associationId, row.version, row.settings, row.createdAt)), hasMore: rows.length > limit };
  });
}

/** The association's status on each of its current targets (console, DescribeInstanceAssociationsStatus). */
export async function describeAssociationTargets(caller: Caller, associationId: string) {
  return perform(caller, { name: 'DescribeAssociation', iamAction: 'ssm:DescribeAssociation', resources: [associationArn(associationId)], parameters: { associationId }, isAudited: false }, async () =>
    nodeStatuses(await findAssociation(associationId)),
  );
}
