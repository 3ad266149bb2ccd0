import { performance } from 'node:perf_hooks';
import type { CommandStep, PluginStatus } from '../../protocol';
import { stoppedOutcome, text, type StepContext, type StepOutcome } from './context';
import { softwareInventory } from '../../inventory/plugin';
import { runPatchBaseline } from '../../patching/plugin';
import { downloadContent } from './download';
import { runShellScript } from './shell';

export { stoppedOutcome, type StepContext, type StepOutcome, type StepOutput, type StopReason } from './context';

/** A step whose precondition does not hold on this node is Skipped (AWS: "incompatible platform"). */
export function checkPrecondition(step: CommandStep, platformType: string): StepOutcome | null {
  if (!step.precondition) return null;
  const [variable, expected] = step.precondition.StringEquals;
  if (variable !== 'platformType') {
    return { status: 'Failed', exitCode: -1, message: `precondition on '${variable}' is not supported: SSM documents only test platformType` };
  }
  if (expected === platformType) return null;
  return { status: 'Skipped', exitCode: -1, message: `Step execution skipped due to incompatible platform: the node is ${platformType}, the step wants ${expected}` };
}

/** The outcome of a step the executor does not start: cancelled, agent stopping, or out of time. */
export function notRunOutcome(ctx: Pick<StepContext, 'signal' | 'deadline' | 'executionTimeoutSeconds'>): StepOutcome | null {
  if (ctx.signal.aborted) {
    return ctx.signal.reason === 'Cancelled'
      ? { status: 'Cancelled', exitCode: -1, message: 'not run: the command was cancelled' }
      : { status: 'Failed', exitCode: -1, message: 'not run: the agent was stopped before this step' };
  }
  if (performance.now() >= ctx.deadline) {
    return { status: 'TimedOut', exitCode: -1, message: `not run: the invocation's execution timeout (${ctx.executionTimeoutSeconds} s) had passed` };
  }
  return null;
}

/** A step's outcome when it does not start at all, or null when it should run. */
export function blockedOutcome(step: CommandStep, ctx: StepContext): StepOutcome | null {
  return checkPrecondition(step, ctx.platformType) ?? notRunOutcome(ctx);
}

export async function runStep(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  return blockedOutcome(step, ctx) ?? runPlugin(step, ctx);
}

/** Runs the step's plugin, whose preconditions were checked. */
export async function runPlugin(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  switch (step.action) {
    case 'aws:runShellScript':
      return runShellScript(step, ctx);
    case 'aws:downloadContent':
      return downloadContent(step, ctx);
    case 'aws:runDocument':
      return runDocument(step, ctx);
    case 'aws:softwareInventory':
      return softwareInventory(step, ctx);
    case 'aws:runPatchBaseline':
      return runPatchBaseline(step, ctx);
  }
}

const SEVERITY: Record<PluginStatus, number> = { Success: 0, Skipped: 0, Failed: 1, TimedOut: 2, Cancelled: 3 };

/**
 * aws:runDocument: the nested document's steps (resolved by the server) run in order inside this
 * one plugin and write to its streams. Like schema 2.2 at the top level, a failed step does not
 * stop the next; a cancel does.
 */
async function runDocument(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const steps = step.steps ?? [];
  if (steps.length === 0) return { status: 'Failed', exitCode: -1, message: 'aws:runDocument came without the nested document\'s steps' };
  let outcome: StepOutcome = { status: 'Success', exitCode: 0 };
  const problems: string[] = [];
  for (const [index, nested] of steps.entries()) {
    const result = await runStep(nested, { ...ctx, stepPath: [...ctx.stepPath, index] });
    // The nested steps have no result entries of their own: their notes go into this plugin's output.
    if (result.message) ctx.output.write(result.status === 'Skipped' ? 'stdout' : 'stderr', text(`[${nested.name}] ${result.message}\n`));
    if (result.status === 'Skipped') continue;
    if (result.status !== 'Success') problems.push(`${nested.name} ${result.status}`);
    // The plugin reports the first of its worst steps, with that step's exit code.
    if (outcome.status === 'Success' || SEVERITY[result.status] > SEVERITY[outcome.status]) outcome = result;
    if (ctx.signal.aborted) break;
  }
  if (ctx.signal.aborted && outcome.status === 'Success') return stoppedOutcome(ctx.signal.reason);
  return problems.length === 0 ? outcome : { ...outcome, message: `nested steps: ${problems.join(', ')}` };
}
