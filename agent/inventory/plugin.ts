import type { CommandStep } from '../protocol';
import type { StepContext, StepOutcome } from '../commands/plugins/context';

// Placeholder until the collector lands in this folder.
export async function softwareInventory(step: CommandStep, _ctx: StepContext): Promise<StepOutcome> {
  return { status: 'Failed', exitCode: -1, message: `${step.action} is not available on this agent yet` };
}
