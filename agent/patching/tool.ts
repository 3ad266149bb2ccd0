import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runProcess } from '../commands/plugins/process';
import type { StepOutput, StopReason } from '../commands/plugins/context';

/** What a package tool printed and how it ended. */
export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The program could not be started (not installed, not executable). */
  error?: string;
}

/** Raised when the step's signal or time budget stops a tool: the plugin unwinds and reports that. */
export class ToolStopped extends Error {
  constructor(readonly reason: 'timeout' | StopReason) {
    super(`stopped: ${reason}`);
  }
}

/** A package tool that failed: its command line and what it said, for the step's output. */
export class PackageToolFailed extends Error {}

/** Runs one program with an argument array (never a shell line) and returns its output. */
export type ToolRunner = (file: string, args: string[]) => Promise<ToolResult>;

// Package tools print dates and messages we parse in the C locale only with LC_ALL=C; debconf
// must never wait for a keyboard that is not there, nor Ubuntu's needrestart restart services
// on its own (`l`: list only).
const TOOL_ENV = { LC_ALL: 'C', LANG: 'C', DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'l' };

/** A StepOutput that keeps what a child prints instead of streaming it into the step's output. */
function captureOutput(): StepOutput & { text(stream: 'stdout' | 'stderr'): string } {
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  return {
    write: (stream, data) => chunks[stream].push(Buffer.from(data)),
    attach: () => undefined,
    release: () => undefined,
    text: (stream) => Buffer.concat(chunks[stream]).toString('utf8'),
  };
}

/**
 * A runner bound to the step: every tool is killed (with its process group) when the step is
 * cancelled or its time runs out, and `ToolStopped` ends the plugin.
 */
export function toolRunner(options: { signal: AbortSignal; endsAt: number }): ToolRunner {
  return async (file, args) => {
    if (options.signal.aborted) throw new ToolStopped(options.signal.reason as StopReason);
    const remaining = Math.floor(options.endsAt - performance.now());
    if (remaining <= 0) throw new ToolStopped('timeout');
    const output = captureOutput();
    const outcome = await runProcess({
      file,
      args,
      cwd: '/',
      // Read at each call: APT_CONFIG and the reboot overrides may be set by the agent's caller (and tests).
      env: { ...process.env, ...TOOL_ENV },
      timeoutMs: remaining,
      signal: options.signal,
      output,
    });
    if (outcome.stoppedBy) throw new ToolStopped(outcome.stoppedBy);
    return { exitCode: outcome.exitCode, stdout: output.text('stdout'), stderr: output.text('stderr'), error: outcome.error };
  };
}

/** `program args` and why it failed, for the step's output. */
export function describeFailure(file: string, args: string[], result: ToolResult): string {
  const command = [file, ...args].join(' ');
  if (result.error) return `${command} could not be started: ${result.error}`;
  const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-20).join('\n');
  return `${command} exited with ${result.exitCode}${detail ? `:\n${detail}` : ''}`;
}

/** Whether a program is on PATH, as `command -v` would find it. */
export function hasProgram(name: string, pathVariable = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'): boolean {
  return pathVariable.split(':').some((dir) => {
    try {
      fs.accessSync(path.join(dir || '.', name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
