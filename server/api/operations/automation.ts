import { z } from 'zod';
import { validationError } from '@/server/errors';
import {
  describeStepExecutions,
  getAutomationExecution,
  listAutomationExecutions,
  sendAutomationSignal,
  startAutomationExecution,
  stopAutomationExecution,
  type ListExecutionsInput,
} from '@/server/automation/service';
import { AUTOMATION_STATUSES } from '@/db/schema';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

const targets = z.array(z.object({ Key: z.string(), Values: z.array(z.string()) })).optional();

export const StartAutomationExecution = defineOperation({
  name: 'StartAutomationExecution',
  input: z.object({
    DocumentName: z.string({ message: 'DocumentName is required' }),
    DocumentVersion: z.string().optional(),
    Parameters: z.record(z.string(), z.array(z.string())).optional(),
    Mode: z.enum(['Auto', 'Interactive']).optional(),
    TargetParameterName: z.string().optional(),
    Targets: targets,
    MaxConcurrency: z.string().optional(),
    MaxErrors: z.string().optional(),
    ClientToken: z.string().optional(),
    TargetMaps: z.array(z.unknown()).optional(),
    TargetLocations: z.array(z.unknown()).optional(),
    Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
  }),
  async run(input, caller) {
    if (input.TargetMaps?.length) throw validationError('TargetMaps is not supported by Opsdeck; use TargetParameterName with Targets');
    if (input.TargetLocations?.length) throw validationError('TargetLocations (multi-account, multi-Region) does not apply to a self-hosted Opsdeck');
    const { executionId } = await startAutomationExecution(caller, {
      documentName: input.DocumentName,
      documentVersion: input.DocumentVersion,
      parameters: input.Parameters,
      mode: input.Mode,
      targetParameterName: input.TargetParameterName,
      targets: input.Targets,
      maxConcurrency: input.MaxConcurrency,
      maxErrors: input.MaxErrors,
    });
    return { AutomationExecutionId: executionId };
  },
});

export const StopAutomationExecution = defineOperation({
  name: 'StopAutomationExecution',
  input: z.object({ AutomationExecutionId: z.string({ message: 'AutomationExecutionId is required' }), Type: z.enum(['Complete', 'Cancel']).optional() }),
  async run(input, caller) {
    await stopAutomationExecution(caller, { executionId: input.AutomationExecutionId, type: input.Type });
    return {};
  },
});

export const GetAutomationExecution = defineOperation({
  name: 'GetAutomationExecution',
  input: z.object({ AutomationExecutionId: z.string({ message: 'AutomationExecutionId is required' }).uuid('AutomationExecutionId is an execution id') }),
  async run(input, caller) {
    return { AutomationExecution: await getAutomationExecution(caller, input.AutomationExecutionId) };
  },
});

const FILTER_KEYS = ['DocumentNamePrefix', 'ExecutionStatus', 'ExecutionId', 'ParentExecutionId', 'CurrentAction', 'StartTimeBefore', 'StartTimeAfter', 'AutomationType', 'TagKey', 'TargetResourceGroup', 'AutomationSubtype', 'OpsItemId'] as const;

/** AWS's DescribeAutomationExecutions filters onto the service's list input. */
function listFilters(filters: { Key: (typeof FILTER_KEYS)[number]; Values: string[] }[]): ListExecutionsInput {
  const input: ListExecutionsInput = {};
  for (const { Key, Values } of filters) {
    switch (Key) {
      case 'DocumentNamePrefix':
        input.documentNamePrefix = Values[0];
        break;
      case 'ExecutionStatus':
        for (const value of Values) if (!(AUTOMATION_STATUSES as readonly string[]).includes(value)) throw validationError(`ExecutionStatus '${value}' is not one of ${AUTOMATION_STATUSES.join(', ')}`);
        input.statuses = Values as ListExecutionsInput['statuses'];
        break;
      case 'ExecutionId':
        input.executionIds = Values;
        break;
      case 'ParentExecutionId':
        input.parentExecutionId = Values[0];
        break;
      case 'StartTimeBefore':
        input.startTimeBefore = new Date(Values[0]!);
        break;
      case 'StartTimeAfter':
        input.startTimeAfter = new Date(Values[0]!);
        break;
      case 'AutomationType':
        if (Values.some((value) => value !== 'Local')) throw validationError('AutomationType: Opsdeck runs Local executions only');
        break;
      default:
        throw validationError(`the filter ${Key} is not supported by Opsdeck`);
    }
  }
  return input;
}

export const DescribeAutomationExecutions = defineOperation({
  name: 'DescribeAutomationExecutions',
  input: z.object({
    Filters: z.array(z.object({ Key: z.enum(FILTER_KEYS), Values: z.array(z.string()).min(1).max(10) })).optional(),
    MaxResults: z.number().int().min(1).max(50).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeAutomationExecutions', input.NextToken);
    const page = await listAutomationExecutions(caller, { ...listFilters(input.Filters ?? []), maxResults: input.MaxResults ?? 50, offset });
    return { AutomationExecutionMetadataList: page.executions, NextToken: nextTokenAfter('DescribeAutomationExecutions', offset, page.executions.length, page.hasMore) };
  },
});

const STEP_FILTER_KEYS = ['StartTimeBefore', 'StartTimeAfter', 'StepExecutionStatus', 'StepExecutionId', 'StepName', 'Action', 'ParentStepExecutionId', 'ParentStepIteration', 'ParentStepIteratorValue'] as const;

export const DescribeAutomationStepExecutions = defineOperation({
  name: 'DescribeAutomationStepExecutions',
  input: z.object({
    AutomationExecutionId: z.string({ message: 'AutomationExecutionId is required' }).uuid('AutomationExecutionId is an execution id'),
    Filters: z.array(z.object({ Key: z.enum(STEP_FILTER_KEYS), Values: z.array(z.string()).min(1).max(10) })).optional(),
    MaxResults: z.number().int().min(1).max(50).optional(),
    NextToken: z.string().optional(),
    ReverseOrder: z.boolean().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeAutomationStepExecutions', input.NextToken);
    let stepName: string | undefined;
    let statuses: (typeof AUTOMATION_STATUSES)[number][] | undefined;
    for (const { Key, Values } of input.Filters ?? []) {
      if (Key === 'StepName') stepName = Values[0];
      else if (Key === 'StepExecutionStatus') statuses = Values as typeof statuses;
      else throw validationError(`the filter ${Key} is not supported by Opsdeck`);
    }
    const page = await describeStepExecutions(caller, { executionId: input.AutomationExecutionId, stepName, statuses, reverseOrder: input.ReverseOrder, maxResults: input.MaxResults ?? 50, offset });
    return { StepExecutions: page.steps, NextToken: nextTokenAfter('DescribeAutomationStepExecutions', offset, page.steps.length, page.hasMore) };
  },
});

export const SendAutomationSignal = defineOperation({
  name: 'SendAutomationSignal',
  input: z.object({
    AutomationExecutionId: z.string({ message: 'AutomationExecutionId is required' }),
    SignalType: z.enum(['Approve', 'Reject', 'StartStep', 'StopStep', 'Resume'], { message: 'SignalType is Approve, Reject, StartStep, StopStep or Resume' }),
    Payload: z.record(z.string(), z.array(z.string())).optional(),
  }),
  async run(input, caller) {
    await sendAutomationSignal(caller, { executionId: input.AutomationExecutionId, signalType: input.SignalType, payload: input.Payload });
    return {};
  },
});
