import { z } from 'zod';
import { nodeIdSchema } from '@/agent/protocol';
import { targetsSchema } from '@/server/resource-groups/schemas';
import { documentVersionSelectorSchema } from '@/server/documents/schemas';
import { RATE_PATTERN } from './limits';

const rate = (member: string, fallback: string) =>
  z
    .string()
    .regex(RATE_PATTERN, `${member} is a number like 10 or a percentage like 10%`)
    .default(fallback);

/** Commands a node may be targeted by at once, and targets per command (a guard, not AWS's quota). */
export const MAX_TARGETS = 50_000;

/** SendCommand's members, as AWS defines them (defaults included). */
const sendCommandFields = z.object({
    /** A document name, or its ARN (AWS accepts both). */
    documentName: z.string().min(1, 'DocumentName is required').max(256),
    documentVersion: documentVersionSelectorSchema.optional(),
    parameters: z.record(z.string(), z.array(z.string().max(64 * 1024))).default({}),
    instanceIds: z.array(nodeIdSchema).max(50, 'InstanceIds takes at most 50 node ids; use Targets for more').optional(),
    targets: targetsSchema.optional(),
    comment: z.string().max(100, 'Comment has at most 100 characters').default(''),
    /** Seconds the command may wait for delivery to a node (AWS: 30 to 2,592,000; default 3,600). */
    timeoutSeconds: z.number().int().min(30, 'TimeoutSeconds is at least 30').max(2_592_000, 'TimeoutSeconds is at most 2592000 (30 days)').default(3600),
    maxConcurrency: rate('MaxConcurrency', '50'),
    maxErrors: rate('MaxErrors', '0'),
    /** OS user for the steps: Opsdeck's stand-in for AWS's run-as; the agent must run as root. */
    runAs: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'RunAs is a Linux user name').optional(),
});

const withExactlyOneTarget = <Schema extends typeof sendCommandFields>(schema: Schema) =>
  schema.refine((input) => (input.instanceIds?.length ?? 0) > 0 !== (input.targets?.length ?? 0) > 0, {
    message: 'give either InstanceIds or Targets (exactly one of them)',
    path: ['targets'],
  });

export const sendCommandInput = withExactlyOneTarget(sendCommandFields);
export type SendCommandInput = z.input<typeof sendCommandInput>;

/**
 * What Opsdeck's own features send (Patch now, State Manager's runs on chosen nodes): any number of
 * chosen nodes in one command under one MaxConcurrency/MaxErrors, where the API keeps AWS's 50.
 */
export const internalSendCommandInput = withExactlyOneTarget(
  sendCommandFields.extend({ instanceIds: z.array(nodeIdSchema).max(MAX_TARGETS, `one command takes at most ${MAX_TARGETS} nodes`).optional() }),
);

export const COMMAND_FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Status', 'ExecutionStage', 'DocumentName'] as const;

export const listCommandsInput = z.object({
  commandId: z.string().uuid('CommandId is a UUID').optional(),
  instanceId: nodeIdSchema.optional(),
  filters: z
    .array(z.object({ key: z.enum(COMMAND_FILTER_KEYS, { message: `filter keys are ${COMMAND_FILTER_KEYS.join(', ')}` }), value: z.string().min(1).max(256) }))
    .max(5)
    .default([]),
  maxResults: z.number().int().min(1).max(100).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListCommandsInput = z.input<typeof listCommandsInput>;

export const listInvocationsInput = z.object({
  commandId: z.string().uuid('CommandId is a UUID').optional(),
  instanceId: nodeIdSchema.optional(),
  details: z.boolean().default(false),
  /** Console filter: one invocation status, or an output text to group by. */
  status: z.string().max(32).optional(),
  maxResults: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListInvocationsInput = z.input<typeof listInvocationsInput>;
