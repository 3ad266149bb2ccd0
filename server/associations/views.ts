import type { AssociationExecutionRow, AssociationExecutionTargetRow, AssociationRow, AssociationSettings } from '@/db/schema';

/** AWS's AssociationOverview: the latest run's status and how many nodes are in each. */
export interface AssociationOverview {
  Status: string;
  DetailedStatus: string;
  AssociationStatusAggregatedCount: Record<string, number>;
}

export function settingsOf(row: AssociationRow): AssociationSettings {
  return {
    name: row.name,
    documentName: row.documentName,
    documentVersion: row.documentVersion,
    parameters: row.parameters,
    targets: row.targets,
    scheduleExpression: row.scheduleExpression,
    scheduleOffset: row.scheduleOffset,
    applyOnlyAtCronInterval: row.applyOnlyAtCronInterval,
    maxConcurrency: row.maxConcurrency,
    maxErrors: row.maxErrors,
    complianceSeverity: row.complianceSeverity,
    automationTargetParameterName: row.automationTargetParameterName,
    calendarNames: row.calendarNames,
  };
}

/** AWS's AssociationDescription (CreateAssociation, DescribeAssociation, UpdateAssociation). */
export function toAssociationDescription(row: AssociationRow, overview: AssociationOverview) {
  return {
    AssociationId: row.id,
    AssociationName: row.name ?? undefined,
    AssociationVersion: String(row.version),
    Name: row.documentName,
    DocumentVersion: row.documentVersion ?? '$DEFAULT',
    Parameters: row.parameters,
    Targets: row.targets,
    ScheduleExpression: row.scheduleExpression ?? undefined,
    ScheduleOffset: row.scheduleOffset ?? undefined,
    ApplyOnlyAtCronInterval: row.applyOnlyAtCronInterval,
    MaxConcurrency: row.maxConcurrency,
    MaxErrors: row.maxErrors,
    ComplianceSeverity: row.complianceSeverity,
    SyncCompliance: 'AUTO',
    AutomationTargetParameterName: row.automationTargetParameterName ?? undefined,
    CalendarNames: row.calendarNames,
    Date: row.createdAt,
    LastUpdateAssociationDate: row.updatedAt,
    LastExecutionDate: row.lastExecutionAt ?? undefined,
    LastSuccessfulExecutionDate: row.lastSuccessfulExecutionAt ?? undefined,
    Overview: overview,
    Status: { Date: row.updatedAt, Name: overview.Status === 'Failed' ? 'Failed' : overview.Status === 'Success' ? 'Success' : 'Pending', Message: overview.DetailedStatus },
    /** Opsdeck: who created it (its runs act as them), and whether it runs a Command or an Automation document. */
    CreatedBy: row.createdBy.username,
    DocumentType: row.documentType,
  };
}

/** AWS's AssociationExecution. */
export function toExecutionView(row: AssociationExecutionRow, counts: Record<string, number>) {
  return {
    AssociationId: row.associationId,
    AssociationVersion: String(row.associationVersion),
    ExecutionId: row.id,
    Status: row.status,
    DetailedStatus: row.detailedStatus,
    CreatedTime: row.createdAt,
    LastExecutionDate: row.endedAt ?? undefined,
    ResourceCountByStatus: `{${Object.entries(counts)
      .map(([status, count]) => `${status}=${count}`)
      .join(',')}}`,
    /** Opsdeck: what started it, why it was skipped or failed early, and what it ran. */
    Trigger: row.trigger,
    Reason: row.reason ?? undefined,
    CommandId: row.commandId ?? undefined,
    AutomationExecutionId: row.automationExecutionId ?? undefined,
  };
}

/** AWS's AssociationExecutionTarget, with the start of the node's output. */
export function toExecutionTargetView(row: AssociationExecutionTargetRow, version: number, commandId: string | null) {
  return {
    AssociationId: row.associationId,
    AssociationVersion: String(version),
    ExecutionId: row.executionId,
    ResourceId: row.resourceId,
    ResourceType: 'ManagedInstance',
    Status: row.status,
    DetailedStatus: row.detailedStatus,
    LastExecutionDate: row.endedAt ?? undefined,
    OutputSource: commandId ? { OutputSourceId: commandId, OutputSourceType: 'RunCommand' } : undefined,
    /** Opsdeck: the first 2,500 characters of the node's output. */
    Output: row.outputExcerpt,
  };
}

export function toVersionView(associationId: string, version: number, settings: AssociationSettings, createdAt: Date) {
  return {
    AssociationId: associationId,
    AssociationVersion: String(version),
    CreatedDate: createdAt,
    Name: settings.documentName,
    AssociationName: settings.name ?? undefined,
    DocumentVersion: settings.documentVersion ?? '$DEFAULT',
    Parameters: settings.parameters,
    Targets: settings.targets,
    ScheduleExpression: settings.scheduleExpression ?? undefined,
    ScheduleOffset: settings.scheduleOffset ?? undefined,
    ApplyOnlyAtCronInterval: settings.applyOnlyAtCronInterval,
    MaxConcurrency: settings.maxConcurrency,
    MaxErrors: settings.maxErrors,
    ComplianceSeverity: settings.complianceSeverity,
    CalendarNames: settings.calendarNames,
  };
}
