/**
 * aws:runPatchBaseline: asks the node's real package manager what updates it offers, lets the
 * server's baseline decide on each (`patch:evaluate`), installs the approved ones for Install,
 * reports every patch's state (`patch:report`) and reboots when a patch needs it and the document
 * allows it.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import {
  PATCH_OPERATIONS,
  REBOOT_OPTIONS,
  type AgentCallAnswer,
  type AgentCallEvents,
  type AgentCallPayload,
  type CommandStep,
  type NodePatch,
  type PatchEvaluateResult,
  type PatchReportEntry,
  type PatchState,
} from '../protocol';
import { stepTimeout, stoppedOutcome, text, timedOutMessage, type StepContext, type StepOutcome } from '../commands/plugins/context';
import { createBackend, type InstallAttempt, type PatchBackend } from './backend';
import { fetchOverrideList, isOnOverrideList } from './override-list';
import { detectPackageManager, type InstalledPackage } from './packages';
import { packagesPendingReboot, requestReboot } from './reboot';
import { computePatchStates, packageKey } from './states';
import { PackageToolFailed, ToolStopped, toolRunner, type ToolRunner } from './tool';

const inputsSchema = z.object({
  Operation: z.enum(PATCH_OPERATIONS, { error: 'Operation must be Scan or Install' }),
  // Parameters left at '' by a caller mean the document's default.
  RebootOption: z
    .union([z.literal(''), z.enum(REBOOT_OPTIONS)], { error: 'RebootOption must be RebootIfNeeded or NoReboot' })
    .optional()
    .transform((value) => value || 'RebootIfNeeded'),
  InstallOverrideList: z.string().optional(),
  BaselineOverride: z.string().optional(),
  SnapshotId: z.string().optional(),
});
type PatchInputs = z.infer<typeof inputsSchema>;

/** The server refused or could not be asked: the step fails with its words. */
class ServerCallFailed extends Error {}

const failed = (message: string): StepOutcome => ({ status: 'Failed', exitCode: -1, message });

export async function runPatchBaseline(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const parsed = inputsSchema.safeParse(step.inputs);
  if (!parsed.success) return failed(parsed.error.issues[0]?.message ?? 'invalid inputs');
  const inputs = parsed.data;
  // Opsdeck keeps baselines on the server only; a baseline from a URL would bypass its approval rules.
  if (inputs.BaselineOverride) return failed('BaselineOverride is not supported by Opsdeck: the node patches against the baseline the server assigns it');
  const timeout = stepTimeout(step.inputs.timeoutSeconds, ctx.deadline);
  if ('error' in timeout) return failed(timeout.error);
  const kind = detectPackageManager();
  if (!kind) return failed('no supported package manager on this node: Patch Manager uses apt (Debian, Ubuntu) or dnf/yum (RHEL-likes)');

  const endsAt = performance.now() + timeout.ms;
  const run = toolRunner({ signal: ctx.signal, endsAt });
  const backend = createBackend(kind, run);
  try {
    return await patchNode({ ctx, inputs, backend, run, endsAt });
  } catch (error) {
    if (error instanceof ToolStopped) return error.reason === 'timeout' ? { status: 'TimedOut', exitCode: -1, message: timedOutMessage(ctx, timeout) } : stoppedOutcome(error.reason);
    if (ctx.signal.aborted) return stoppedOutcome(ctx.signal.reason);
    if (error instanceof PackageToolFailed || error instanceof ServerCallFailed) {
      ctx.output.write('stderr', text(`${error.message}\n`));
      return failed(error.message.split('\n')[0]!);
    }
    return failed(`patching failed: ${(error as Error).message}`);
  } finally {
    backend.dispose();
  }
}

type CallResult<E extends keyof AgentCallEvents> = Extract<AgentCallAnswer<E>, { ok: true }>['result'];

async function callServer<E extends keyof AgentCallEvents>(ctx: StepContext, event: E, payload: AgentCallPayload<E>): Promise<CallResult<E>> {
  let answer: AgentCallAnswer<E>;
  try {
    answer = await ctx.callServer(event, payload);
  } catch (error) {
    throw new ServerCallFailed(`${event}: the server could not be asked (${(error as Error).message})`);
  }
  if (!answer.ok) throw new ServerCallFailed(`${event}: the server refused: ${answer.error}`);
  return (answer as Extract<AgentCallAnswer<E>, { ok: true }>).result;
}

interface Scan {
  installed: InstalledPackage[];
  updates: NodePatch[];
  evaluation: PatchEvaluateResult;
}

function asInstalledPatch(pkg: InstalledPackage): NodePatch {
  return { name: pkg.name, arch: pkg.arch, installedVersion: pkg.version, repository: '', section: pkg.section, priority: '', classification: '', severity: '', cveIds: [] };
}

/** Refreshes the package lists, reads what is installed and offered, and asks the server's baseline. */
async function scan(ctx: StepContext, inputs: PatchInputs, backend: PatchBackend): Promise<Scan> {
  await backend.refresh();
  const installed = await backend.installed();
  const updates = await backend.offeredUpdates(installed);
  const evaluation = await callServer(ctx, 'patch:evaluate', {
    invocationId: ctx.invocationId,
    operation: inputs.Operation,
    updates,
    installed: installed.map(asInstalledPatch),
  });
  // The answer pairs with what was sent by position: a mismatch would give patches the wrong state.
  if (evaluation.decisions.length !== updates.length || evaluation.installedDecisions.length !== installed.length) {
    throw new ServerCallFailed(`patch:evaluate: the server answered for ${evaluation.decisions.length} updates and ${evaluation.installedDecisions.length} packages, not ${updates.length} and ${installed.length}`);
  }
  return { installed, updates, evaluation };
}

interface InstallRun {
  attempted: Set<string>;
  attempts: InstallAttempt[];
  overrideList?: string;
}

async function install(ctx: StepContext, inputs: PatchInputs, backend: PatchBackend, { updates, evaluation }: Scan, endsAt: number): Promise<InstallRun> {
  const overrideList = inputs.InstallOverrideList || undefined;
  const overrideIds = overrideList
    ? new Set(await fetchOverrideList(overrideList, AbortSignal.any([ctx.signal, AbortSignal.timeout(Math.max(1, Math.floor(endsAt - performance.now())))])))
    : null;
  const isBlocking = evaluation.rejectedPatchesAction === 'BLOCK';
  const rejected = updates.filter((_, index) => evaluation.decisions[index]?.decision === 'Rejected');
  // Only upgrades of installed packages are installed by name; new dependencies come with them.
  const targets = updates.filter((update, index) => {
    const decision = evaluation.decisions[index]?.decision;
    if (update.installedVersion === undefined || !update.availableVersion) return false;
    if (isBlocking && decision === 'Rejected') return false;
    return overrideIds ? isOnOverrideList(overrideIds, update) : decision === 'Approved';
  });
  if (isBlocking && rejected.length > 0) await backend.block(rejected);
  const attempts = await backend.install(targets.map((update) => ({ name: update.name, arch: update.arch, version: update.availableVersion! })));
  return { attempted: new Set(targets.map(packageKey)), attempts, overrideList };
}

/** AWS reboots after an Install that installed something, unless told NoReboot. */
function reasonNotToReboot(inputs: PatchInputs, installedCount: number): string | null {
  if (inputs.Operation === 'Scan') return 'Scan';
  if (inputs.RebootOption === 'NoReboot') return 'RebootOption NoReboot';
  if (installedCount === 0) return 'nothing was installed by this run';
  return null;
}

function countStates(patches: PatchReportEntry[]): string {
  const counts = new Map<PatchState, number>();
  for (const patch of patches) counts.set(patch.State, (counts.get(patch.State) ?? 0) + 1);
  return [...counts].map(([state, count]) => `${state} ${count}`).join(', ') || 'none';
}

function writeInstallLog(ctx: StepContext, attempts: InstallAttempt[]): void {
  for (const attempt of attempts) {
    ctx.output.write('stdout', text(`$ ${attempt.command}\n${attempt.result.stdout}`));
    if (attempt.result.stderr || attempt.result.error) ctx.output.write('stderr', text(`${attempt.command}:\n${attempt.result.error ?? attempt.result.stderr}\n`));
  }
}

async function patchNode(options: { ctx: StepContext; inputs: PatchInputs; backend: PatchBackend; run: ToolRunner; endsAt: number }): Promise<StepOutcome> {
  const { ctx, inputs, backend, run, endsAt } = options;
  const say = (line: string) => ctx.output.write('stdout', text(`${line}\n`));
  const startedAt = Date.now();

  let result = await scan(ctx, inputs, backend);
  if (result.evaluation.sources.length > 0) {
    // The baseline's extra repositories can offer updates of their own: read the lists again with them.
    say(`Using the baseline's extra sources: ${result.evaluation.sources.map((source) => source.name).join(', ')}`);
    await backend.useSources(result.evaluation.sources);
    result = await scan(ctx, inputs, backend);
  }
  const { evaluation, updates, installed } = result;
  say(`Patch baseline ${evaluation.baselineId}${evaluation.patchGroup ? ` (patch group ${evaluation.patchGroup})` : ''}, snapshot ${evaluation.snapshotId}`);
  say(`${inputs.Operation} with ${backend.kind}: ${installed.length} packages installed, ${updates.length} updates offered`);

  const installRun = inputs.Operation === 'Install' ? await install(ctx, inputs, backend, result, endsAt) : null;
  if (installRun) writeInstallLog(ctx, installRun.attempts);
  const installedAfter = installRun ? await backend.installed() : installed;

  const afterKeys = new Map(installedAfter.map((pkg) => [packageKey(pkg), pkg.version]));
  const installedNow = updates.filter((update) => update.availableVersion && afterKeys.get(packageKey(update)) === update.availableVersion);
  const installedThisRun = new Set(installedNow.map(packageKey));
  const rebootRequired = await backend.isRebootRequired();
  const listedPendingReboot = backend.kind === 'apt' ? packagesPendingReboot() : null;
  const patches = computePatchStates({
    operation: inputs.Operation,
    updates,
    evaluation,
    installedBefore: installed,
    installedAfter,
    attempted: installRun?.attempted ?? new Set(),
    // Debian's flag lists the packages that asked for it; without that list, what this run installed is what waits.
    isPendingReboot: (name, key) => rebootRequired && (listedPendingReboot ? listedPendingReboot.has(name) : installedThisRun.has(key)),
  });

  // Whatever did install still gets its reboot, even when another patch failed.
  const notRebootingBecause = rebootRequired ? reasonNotToReboot(inputs, installedThisRun.size) : 'not required';
  await callServer(ctx, 'patch:report', {
    invocationId: ctx.invocationId,
    operation: inputs.Operation,
    rebootOption: inputs.RebootOption,
    baselineId: evaluation.baselineId,
    snapshotId: evaluation.snapshotId,
    patchGroup: evaluation.patchGroup,
    installOverrideList: installRun?.overrideList,
    startedAt,
    endedAt: Date.now(),
    rebootRequired,
    isRebooting: notRebootingBecause === null,
    patches,
  });

  if (installedNow.length > 0) say(`Installed: ${installedNow.map((update) => `${update.name} ${update.availableVersion}`).join(', ')}`);
  say(`Patch states: ${countStates(patches)}`);
  if (rebootRequired) say(notRebootingBecause ? `Reboot required; not rebooting (${notRebootingBecause})` : `Reboot required: ${await requestReboot(run)}`);
  const failedPatches = patches.filter((patch) => patch.State === 'Failed');
  if (failedPatches.length > 0) return failed(`${failedPatches.length} patch(es) failed to install: ${failedPatches.map((patch) => patch.Title).join(', ')}`);
  return { status: 'Success', exitCode: 0 };
}

