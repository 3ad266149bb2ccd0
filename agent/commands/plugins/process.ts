import { spawn, type ChildProcess } from 'node:child_process';
import type { StepOutput, StopReason } from './context';

/** SIGTERM first so scripts can clean up; whatever is left of the group gets SIGKILL this much later. */
export const KILL_GRACE_MS = 2_000;
/**
 * After the script exits, a background process it started may still hold its stdout open; the
 * step ends this long after the exit rather than waiting for that process.
 */
export const DRAIN_GRACE_MS = 2_000;

export interface ProcessOptions {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  timeoutMs: number;
  signal: AbortSignal;
  output: StepOutput;
}

export interface ProcessOutcome {
  /** The exit code; -1 when a signal ended it or it never started. */
  exitCode: number;
  /** Set when the agent killed the process group. */
  stoppedBy?: 'timeout' | StopReason;
  /** The process could not be started. */
  error?: string;
}

/** Kills a whole process group (the script and everything it started): TERM, then KILL. */
export function killGroup(pid: number): void {
  const send = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  send('SIGTERM');
  setTimeout(() => send('SIGKILL'), KILL_GRACE_MS);
}

/**
 * Runs one process as the leader of a new process group (`detached`), its stdout and stderr into
 * the step's output, and kills the group on timeout or when the signal aborts.
 */
export function runProcess(options: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(options.file, options.args, {
        cwd: options.cwd,
        env: options.env,
        uid: options.uid,
        gid: options.gid,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve({ exitCode: -1, error: (error as Error).message });
      return;
    }
    let stoppedBy: ProcessOutcome['stoppedBy'];
    let isDone = false;
    const stop = (reason: NonNullable<ProcessOutcome['stoppedBy']>) => {
      if (stoppedBy || isDone || child.pid === undefined) return;
      stoppedBy = reason;
      killGroup(child.pid);
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const handleAbort = () => stop(options.signal.reason as StopReason);
    options.signal.addEventListener('abort', handleAbort, { once: true });
    if (options.signal.aborted) handleAbort();

    const streams = [
      { readable: child.stdout!, name: 'stdout' as const },
      { readable: child.stderr!, name: 'stderr' as const },
    ];
    for (const { readable, name } of streams) {
      readable.on('data', (data: Buffer) => options.output.write(name, data));
      options.output.attach(readable);
    }

    const finish = (outcome: ProcessOutcome) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', handleAbort);
      for (const { readable } of streams) {
        options.output.release(readable);
        readable.destroy();
      }
      resolve(outcome);
    };
    child.once('error', (error) => finish({ exitCode: -1, error: error.message }));
    child.once('exit', (code) => {
      clearTimeout(timer);
      for (const { readable } of streams) options.output.release(readable);
      const outcome: ProcessOutcome = { exitCode: code ?? -1, stoppedBy };
      const drain = setTimeout(() => finish(outcome), DRAIN_GRACE_MS);
      child.once('close', () => {
        clearTimeout(drain);
        finish(outcome);
      });
    });
  });
}
