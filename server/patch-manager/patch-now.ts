import { z } from 'zod';
import { nodeIdSchema, PATCH_OPERATIONS, REBOOT_OPTIONS } from '@/agent/protocol';
import { validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { RATE_PATTERN } from '@/server/runcommand/limits';
import { sendCommand } from '@/server/runcommand/service';
import { fleetFilterSchema, fleetNodeIds } from './dashboard';

/** SendCommand's InstanceIds limit: a larger set goes out as several commands. */
const NODES_PER_COMMAND = 50;
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
  commands: { commandId: string; nodeIds: string[] }[];
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
 * their SendCommand), with rate control. Beyond 50 nodes the set is split into commands of 50,
 * each with the same MaxConcurrency and MaxErrors.
 */
export async function patchNow(caller: Caller, rawInput: PatchNowInput): Promise<PatchNowResult> {
  const input = patchNowInput.parse(rawInput);
  const nodeIds = await targetNodeIds(input);
  const commands: PatchNowResult['commands'] = [];
  for (let start = 0; start < nodeIds.length; start += NODES_PER_COMMAND) {
    const batch = nodeIds.slice(start, start + NODES_PER_COMMAND);
    const command = await sendCommand(caller, {
      documentName: 'AWS-RunPatchBaseline',
      instanceIds: batch,
      parameters: { Operation: [input.operation], RebootOption: [input.rebootOption] },
      comment: `Patch now: ${input.operation}`,
      maxConcurrency: input.maxConcurrency,
      maxErrors: input.maxErrors,
    });
    commands.push({ commandId: command.CommandId, nodeIds: batch });
  }
  return { commands };
}
