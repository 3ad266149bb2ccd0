import { z } from 'zod';
import { AUTOMATION_STATUSES } from '@/db/schema';

/** A guard against one start fanning out without bound (AWS's limit on targets is far lower). */
export const MAX_AUTOMATION_TARGETS = 1000;

const targetSchema = (maxValues: number) =>
  z.object({
    Key: z.string().min(1).max(163),
    Values: z.array(z.string().min(1).max(256)).min(1).max(maxValues, `a target takes at most ${maxValues} values`),
  });

/** MaxConcurrency / MaxErrors: a number of targets or a percentage, as Run Command takes them. */
const rateSchema = z.string().regex(/^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%|0)$/, 'expected a number like 10 or a percentage like 10%');

const executionInput = (maxTargetValues: number) =>
  z
    .object({
      documentName: z.string().min(3).max(128),
      documentVersion: z.string().regex(/^(\$DEFAULT|\$LATEST|[0-9]+)$/, 'expected $DEFAULT, $LATEST or a version number').optional(),
      parameters: z.record(z.string(), z.array(z.string().max(512 * 1024))).optional(),
      mode: z.enum(['Auto', 'Interactive']).optional(),
      targetParameterName: z.string().min(1).max(50).optional(),
      targets: z.array(targetSchema(maxTargetValues)).min(1).max(5).optional(),
      maxConcurrency: rateSchema.optional(),
      maxErrors: rateSchema.optional(),
    })
    .superRefine((input, context) => {
      if (input.targets && !input.targetParameterName) {
        context.addIssue({ code: 'custom', path: ['targetParameterName'], message: 'Targets need TargetParameterName: the runbook parameter each target value is passed in' });
      }
      if (input.targetParameterName && !input.targets) {
        context.addIssue({ code: 'custom', path: ['targets'], message: 'TargetParameterName needs Targets to run over' });
      }
      if (input.targets && input.mode === 'Interactive') {
        context.addIssue({ code: 'custom', path: ['mode'], message: 'a rate-controlled execution runs in Auto mode only' });
      }
    });

/** StartAutomationExecution's members, with AWS's 50 values per target. */
export const startExecutionInput = executionInput(50);
export type StartExecutionInput = z.input<typeof startExecutionInput>;
/** What Opsdeck's own features start (remediation, State Manager's runs on chosen nodes): every node in one execution. */
export const internalStartExecutionInput = executionInput(MAX_AUTOMATION_TARGETS);

export const listExecutionsInput = z.object({
  documentNamePrefix: z.string().max(128).optional(),
  statuses: z.array(z.enum(AUTOMATION_STATUSES)).max(10).optional(),
  executionIds: z.array(z.string().uuid('expected an execution id')).max(10).optional(),
  parentExecutionId: z.string().uuid('expected an execution id').optional(),
  executedBy: z.string().max(128).optional(),
  startTimeAfter: z.coerce.date().optional(),
  startTimeBefore: z.coerce.date().optional(),
  /** The console lists top-level executions unless it asks for a parent's children. */
  isTopLevelOnly: z.boolean().optional(),
  maxResults: z.number().int().min(1).max(200).optional(),
  offset: z.number().int().min(0).optional(),
});
export type ListExecutionsInput = z.input<typeof listExecutionsInput>;

export const SIGNAL_TYPES = ['Approve', 'Reject', 'Resume', 'StartStep', 'StopStep'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const signalInput = z.object({
  executionId: z.string().uuid('expected an execution id'),
  signalType: z.enum(SIGNAL_TYPES),
  /** AWS's Payload: Comment for Approve/Reject, StepName for StartStep, StepExecutionId for StopStep. */
  payload: z.record(z.string(), z.array(z.string().max(4096)).max(10)).optional(),
});
export type SignalInput = z.input<typeof signalInput>;

export const stopInput = z.object({
  executionId: z.string().uuid('expected an execution id'),
  type: z.enum(['Cancel', 'Complete']).optional(),
});

export const rerunInput = z.object({
  executionId: z.string().uuid('expected an execution id'),
  fromStepName: z.string().min(1).max(128).optional(),
});

export const dryRunInput = z.object({
  content: z.string().min(1).max(64 * 1024),
  documentFormat: z.enum(['JSON', 'YAML']),
  parameters: z.record(z.string(), z.array(z.string())).optional(),
});
export type DryRunInput = z.input<typeof dryRunInput>;

export const stepListInput = z.object({
  executionId: z.string().uuid('expected an execution id'),
  stepName: z.string().max(128).optional(),
  statuses: z.array(z.enum(AUTOMATION_STATUSES)).max(10).optional(),
  reverseOrder: z.boolean().optional(),
  maxResults: z.number().int().min(1).max(200).optional(),
  offset: z.number().int().min(0).optional(),
});
export type StepListInput = z.input<typeof stepListInput>;
