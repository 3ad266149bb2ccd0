import { z } from 'zod';
import {
  createAssociation,
  createAssociationBatch,
  deleteAssociation,
  describeAssociation,
  describeAssociationExecutions,
  describeAssociationExecutionTargets,
  listAssociations,
  listAssociationVersions,
  startAssociationsOnce,
  updateAssociation,
} from '@/server/associations/service';
import type { AssociationSettingsInput } from '@/server/associations/schemas';
import { validationError } from '@/server/errors';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

/** CreateAssociation's members (and CreateAssociationBatch's entries), as AWS names them. */
const associationMembers = {
  Name: z.string({ message: 'Name (the document) is required' }),
  DocumentVersion: z.string().optional(),
  InstanceId: z.string().optional(),
  Parameters: z.record(z.string(), z.array(z.string())).optional(),
  Targets: z.array(z.object({ Key: z.string(), Values: z.array(z.string()) })).optional(),
  ScheduleExpression: z.string().optional(),
  ScheduleOffset: z.number().int().optional(),
  AssociationName: z.string().optional(),
  AutomationTargetParameterName: z.string().optional(),
  MaxErrors: z.string().optional(),
  MaxConcurrency: z.string().optional(),
  ComplianceSeverity: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED']).optional(),
  SyncCompliance: z.enum(['AUTO', 'MANUAL']).optional(),
  ApplyOnlyAtCronInterval: z.boolean().optional(),
  CalendarNames: z.array(z.string()).optional(),
  // Accepted and ignored: Opsdeck keeps each run's output itself.
  OutputLocation: z.unknown().optional(),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
};
const associationEntry = z.object(associationMembers);

function toSettings(input: z.output<typeof associationEntry>): AssociationSettingsInput {
  if (input.InstanceId && input.Targets) throw validationError('give InstanceId or Targets, not both');
  if (input.SyncCompliance === 'MANUAL') throw validationError('SyncCompliance MANUAL is not supported: Opsdeck reports association compliance itself');
  return {
    name: input.AssociationName,
    documentName: input.Name,
    documentVersion: input.DocumentVersion,
    parameters: input.Parameters,
    targets: input.InstanceId ? [{ Key: 'InstanceIds', Values: [input.InstanceId] }] : (input.Targets ?? []),
    scheduleExpression: input.ScheduleExpression,
    scheduleOffset: input.ScheduleOffset,
    applyOnlyAtCronInterval: input.ApplyOnlyAtCronInterval,
    maxConcurrency: input.MaxConcurrency,
    maxErrors: input.MaxErrors,
    complianceSeverity: input.ComplianceSeverity,
    automationTargetParameterName: input.AutomationTargetParameterName,
    calendarNames: input.CalendarNames,
  };
}

export const CreateAssociation = defineOperation({
  name: 'CreateAssociation',
  input: associationEntry,
  async run(input, caller) {
    return { AssociationDescription: await createAssociation(caller, toSettings(input)) };
  },
});

export const CreateAssociationBatch = defineOperation({
  name: 'CreateAssociationBatch',
  input: z.object({ Entries: z.array(associationEntry).min(1).max(10) }),
  async run(input, caller) {
    return createAssociationBatch(caller, input.Entries.map(toSettings));
  },
});

export const UpdateAssociation = defineOperation({
  name: 'UpdateAssociation',
  input: associationEntry.partial().extend({ AssociationId: z.string({ message: 'AssociationId is required' }), AssociationVersion: z.string().optional() }),
  async run(input, caller) {
    const settings = input.Name || input.Targets || input.InstanceId ? toSettings({ ...input, Name: input.Name ?? '' }) : undefined;
    const description = await updateAssociation(caller, {
      associationId: input.AssociationId,
      associationVersion: input.AssociationVersion,
      name: input.AssociationName,
      documentName: input.Name,
      documentVersion: input.DocumentVersion,
      parameters: input.Parameters,
      targets: settings && settings.targets.length > 0 ? settings.targets : undefined,
      scheduleExpression: input.ScheduleExpression,
      scheduleOffset: input.ScheduleOffset,
      applyOnlyAtCronInterval: input.ApplyOnlyAtCronInterval,
      maxConcurrency: input.MaxConcurrency,
      maxErrors: input.MaxErrors,
      complianceSeverity: input.ComplianceSeverity,
      automationTargetParameterName: input.AutomationTargetParameterName,
      calendarNames: input.CalendarNames,
    });
    return { AssociationDescription: description };
  },
});

export const DescribeAssociation = defineOperation({
  name: 'DescribeAssociation',
  input: z.object({ AssociationId: z.string().optional(), Name: z.string().optional(), InstanceId: z.string().optional(), AssociationVersion: z.string().optional() }),
  async run(input, caller) {
    if (!input.AssociationId) throw validationError('AssociationId is required (Opsdeck has no legacy Name + InstanceId associations)');
    return { AssociationDescription: await describeAssociation(caller, input.AssociationId) };
  },
});

export const ListAssociations = defineOperation({
  name: 'ListAssociations',
  input: z.object({
    AssociationFilterList: z.array(z.object({ key: z.enum(['InstanceId', 'Name', 'AssociationId', 'AssociationStatusName', 'LastExecutedBefore', 'LastExecutedAfter', 'AssociationName', 'ResourceGroupName']), value: z.string() })).optional(),
    MaxResults: z.number().int().min(1).max(50).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('ListAssociations', input.NextToken);
    const filters: { documentName?: string; associationName?: string; nodeId?: string } = {};
    for (const { key, value } of input.AssociationFilterList ?? []) {
      if (key === 'Name') filters.documentName = value;
      else if (key === 'AssociationName') filters.associationName = value;
      else if (key === 'InstanceId') filters.nodeId = value;
      else throw validationError(`the filter ${key} is not supported by Opsdeck`);
    }
    const page = await listAssociations(caller, { ...filters, maxResults: input.MaxResults ?? 50, offset });
    const list = page.associations.map((association) => ({
      Name: association.Name,
      AssociationId: association.AssociationId,
      AssociationVersion: association.AssociationVersion,
      AssociationName: association.AssociationName,
      DocumentVersion: association.DocumentVersion,
      Targets: association.Targets,
      LastExecutionDate: association.LastExecutionDate,
      Overview: association.Overview,
      ScheduleExpression: association.ScheduleExpression,
      ScheduleOffset: association.ScheduleOffset,
    }));
    return { Associations: list, NextToken: nextTokenAfter('ListAssociations', offset, list.length, page.hasMore) };
  },
});

export const DeleteAssociation = defineOperation({
  name: 'DeleteAssociation',
  input: z.object({ AssociationId: z.string().optional(), Name: z.string().optional(), InstanceId: z.string().optional() }),
  async run(input, caller) {
    if (!input.AssociationId) throw validationError('AssociationId is required');
    await deleteAssociation(caller, input.AssociationId);
    return {};
  },
});

export const StartAssociationsOnce = defineOperation({
  name: 'StartAssociationsOnce',
  input: z.object({ AssociationIds: z.array(z.string()).min(1).max(10) }),
  async run(input, caller) {
    await startAssociationsOnce(caller, input.AssociationIds);
    return {};
  },
});

export const DescribeAssociationExecutions = defineOperation({
  name: 'DescribeAssociationExecutions',
  input: z.object({ AssociationId: z.string({ message: 'AssociationId is required' }), Filters: z.array(z.unknown()).optional(), MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeAssociationExecutions', input.NextToken);
    const page = await describeAssociationExecutions(caller, { associationId: input.AssociationId, maxResults: input.MaxResults ?? 50, offset });
    return { AssociationExecutions: page.executions, NextToken: nextTokenAfter('DescribeAssociationExecutions', offset, page.executions.length, page.hasMore) };
  },
});

export const DescribeAssociationExecutionTargets = defineOperation({
  name: 'DescribeAssociationExecutionTargets',
  input: z.object({ AssociationId: z.string({ message: 'AssociationId is required' }), ExecutionId: z.string({ message: 'ExecutionId is required' }), Filters: z.array(z.unknown()).optional(), MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeAssociationExecutionTargets', input.NextToken);
    const page = await describeAssociationExecutionTargets(caller, { associationId: input.AssociationId, executionId: input.ExecutionId, maxResults: input.MaxResults ?? 50, offset });
    return { AssociationExecutionTargets: page.targets, NextToken: nextTokenAfter('DescribeAssociationExecutionTargets', offset, page.targets.length, page.hasMore) };
  },
});

export const ListAssociationVersions = defineOperation({
  name: 'ListAssociationVersions',
  input: z.object({ AssociationId: z.string({ message: 'AssociationId is required' }), MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const offset = decodeNextToken('ListAssociationVersions', input.NextToken);
    const page = await listAssociationVersions(caller, { associationId: input.AssociationId, maxResults: input.MaxResults ?? 50, offset });
    return { AssociationVersions: page.versions, NextToken: nextTokenAfter('ListAssociationVersions', offset, page.versions.length, page.hasMore) };
  },
});
