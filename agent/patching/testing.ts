import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { StepContext } from '../commands/plugins/context';
import type { AgentCallAnswer, AgentCallEvents, AgentCallPayload } from '../protocol';

/** Answers a plugin's server call in a test, standing in for the server (which its own tests cover for real). */
export type FakeCall = <E extends keyof AgentCallEvents>(event: E, payload: AgentCallPayload<E>) => Promise<AgentCallAnswer<E>>;

/** Test support: a StepContext for driving one plugin directly, its output kept in memory. */
export function pluginContext(call: FakeCall, overrides: Partial<StepContext> = {}): StepContext & { stdout(): string; stderr(): string } {
  const streams = { stdout: '', stderr: '' };
  return {
    nodeId: 'mi-0123456789abcdef0',
    platformType: 'Linux',
    invocationId: randomUUID(),
    commandId: randomUUID(),
    executionTimeoutSeconds: 600,
    deadline: performance.now() + 600_000,
    workDir: os.tmpdir(),
    scriptsDir: os.tmpdir(),
    stepPath: [0],
    signal: new AbortController().signal,
    output: {
      write: (stream, data) => (streams[stream] += Buffer.from(data).toString('utf8')),
      attach: () => undefined,
      release: () => undefined,
    },
    callServer: call,
    stdout: () => streams.stdout,
    stderr: () => streams.stderr,
    ...overrides,
  };
}
