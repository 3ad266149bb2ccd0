import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandStep } from '../../protocol';
import { stepTimeout, stoppedOutcome, timedOutMessage, type StepContext, type StepOutcome } from './context';
import { runProcess } from './process';
import { resolveRunAs, type RunAsUser } from './run-as';

/** `runCommand` as AWS takes it: a list of lines, or one string. */
export function scriptText(runCommand: unknown): string | null {
  if (typeof runCommand === 'string') return runCommand.endsWith('\n') ? runCommand : `${runCommand}\n`;
  if (Array.isArray(runCommand) && runCommand.every((line) => typeof line === 'string')) return `${runCommand.join('\n')}\n`;
  return null;
}

/**
 * aws:runShellScript: the lines become a script file run by `/bin/sh script`, as the SSM agent
 * does, so `set -e`, `exit 3` and multi-line constructs behave as they do on AWS.
 */
export async function runShellScript(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const failed = (message: string): StepOutcome => ({ status: 'Failed', exitCode: -1, message });
  const script = scriptText(step.inputs.runCommand);
  if (script === null) return failed('runCommand must be a list of command lines or a string');
  const timeout = stepTimeout(step.inputs.timeoutSeconds, ctx.deadline);
  if ('error' in timeout) return failed(timeout.error);
  const runAs = await resolveRunAs(ctx.runAs);
  if ('error' in runAs) return failed(runAs.error);

  const workingDirectory = step.inputs.workingDirectory;
  if (workingDirectory !== undefined && workingDirectory !== '' && typeof workingDirectory !== 'string') {
    return failed('workingDirectory must be a path');
  }
  let cwd = ctx.workDir;
  if (workingDirectory) {
    cwd = path.resolve(ctx.workDir, workingDirectory);
    if (!isDirectory(cwd)) return failed(`workingDirectory '${workingDirectory}' does not exist on the node (or is not a directory)`);
  }

  // The state dir is root's and 0700: another user's script lives in a private folder of its own.
  const userDir = runAs.user ? makeUserDir(runAs.user) : null;
  const scriptFile = path.join(userDir ?? ctx.scriptsDir, `step-${ctx.stepPath.join('-')}.sh`);
  try {
    fs.writeFileSync(scriptFile, script, { mode: 0o700 });
    if (runAs.user) fs.chownSync(scriptFile, runAs.user.uid, runAs.user.gid);
    if (runAs.user && !workingDirectory) cwd = userDir!;
    const outcome = await runProcess({
      file: '/bin/sh',
      args: [scriptFile],
      cwd,
      env: environment(ctx, runAs.user),
      uid: runAs.user?.uid,
      gid: runAs.user?.gid,
      timeoutMs: timeout.ms,
      signal: ctx.signal,
      output: ctx.output,
    });
    if (outcome.error) return failed(`the script could not be started: ${outcome.error}`);
    if (outcome.stoppedBy === 'timeout') return { status: 'TimedOut', exitCode: -1, message: timedOutMessage(ctx, timeout) };
    if (outcome.stoppedBy) return stoppedOutcome(outcome.stoppedBy);
    if (outcome.exitCode === 0) return { status: 'Success', exitCode: 0 };
    return { status: 'Failed', exitCode: outcome.exitCode, message: outcome.exitCode === -1 ? 'the script was killed by a signal' : undefined };
  } finally {
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  }
}

// Copied once: reading process.env is slow (every key is a call into the C++ side), and a
// simulator running a thousand invocations at once would pay for it a thousand times.
const AGENT_ENVIRONMENT = { ...process.env };

function environment(ctx: StepContext, user: RunAsUser | null): NodeJS.ProcessEnv {
  return {
    ...AGENT_ENVIRONMENT,
    ...(user ? { HOME: user.home, USER: user.name, LOGNAME: user.name } : {}),
    AWS_SSM_INSTANCE_ID: ctx.nodeId,
    OPSDECK_COMMAND_ID: ctx.commandId,
    OPSDECK_INVOCATION_ID: ctx.invocationId,
  };
}

function makeUserDir(user: RunAsUser): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-run-'));
  fs.chownSync(dir, user.uid, user.gid);
  return dir;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
