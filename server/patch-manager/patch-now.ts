import { z } from 'zod';
import { nodeIdSchema, PATCH_OPERATIONS, REBOOT_OPTIONS } from '@/agent/protocol';
import { validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { RATE_PATTERN } from '@/server/runcommand/limits';
import { sendCommand } from '@/server/runcommand/service';
import { fleetFilterSchema, fleetNodeIds } from './dashboard';

/** A guard on one click: the console's "patch the filtered set" reaches at most this many nodes. */
export const MAX_PATCH_NOW_NODES = 1000;

const rate = (member: string) => z.string().regex(RATE_PATTERN, `${member} is a number like 10 or a percentage like 10%`);

export const patchNowInput = z
  .object({
    /** The selected nodes; or leave out and give `filter` for every node the dashboard's filters select. */
    nodeIds: z.array(nodeIdSchema).min(1, 'select at least one node').max(MAX_PATCH_NOW_NODES, `at most ${MAX_PATCH_NOW_NODES} nodes at a time`).optional(),
    filter: fleetFilterSchema.optional(),
    operation: z.enum(PATCH_OPERATIONS, { message: 'operation is Scan or Install' }),
    rebootOption: z.enum(REBOOT_OPTIONS, { message: 'rebootOption is RebootIfNeeded or NoReboot' }).default('RebootIfNeeded'),
    maxConcurrency: rate('maxConcurrency').default('10%'),
    maxErrors: rate('maxErrors').default('10%'),
  })
  .refine((input) => (input.nodeIds === undefined) !== (input.filter === undefined), { message: 'give either nodeIds or filter', path: ['nodeIds'] });
export type PatchNowInput = z.input<typeof patchNowInput>;

export interface PatchNowResult {
  commandId: string;
  nodeIds: string[];
}

async function targetNodeIds(input: z.output<typeof patchNowInput>): Promise<string[]> {
  if (input.nodeIds) return [...new Set(input.nodeIds)];
  const ids = await fleetNodeIds(input.filter!, MAX_PATCH_NOW_NODES);
  if (ids.length > MAX_PATCH_NOW_NODES) throw validationError(`the filters select more than ${MAX_PATCH_NOW_NODES} nodes; narrow them or patch through a maintenance window`);
  if (ids.length === 0) throw validationError('the filters select no node');
  return ids;
}

/**
 * "Patch now": AWS-RunPatchBaseline through Run Command as the caller (authorised and audited as
 * their SendCommand): one command over every chosen node, so MaxConcurrency and MaxErrors hold
 * for the whole set.
 */
export async function patchNow(caller: Caller, rawInput: PatchNowInput): Promise<PatchNowResult> {
  const input = patchNowInput.parse(rawInput);
  const nodeIds = await targetNodeIds(input);
  const command = await sendCommand(
    caller,
    {
      documentName: 'AWS-RunPatchBaseline',
      instanceIds: nodeIds,
      parameters: { Operation: [input.operation], RebootOption: [input.rebootOption] },
      comment: `Patch now: ${input.operation}`,
      maxConcurrency: input.maxConcurrency,
      maxErrors: input.maxErrors,
    },
    { allowManyInstanceIds: true },
  );
  return { commandId: command.CommandId, nodeIds };
}
