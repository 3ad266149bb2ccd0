import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandOutput, CommandResult, CommandResultAck, CommandRun, CommandStep, OutputStream } from '../protocol';
import type { CommandSender } from './executor';

/** Test support: a stand-in for the server's side of Run Command, held in memory. */
export class FakeServer {
  isConnected = true;
  /** Delay before a chunk's ack, to let the window fill. */
  ackDelayMs = 0;
  /** Chunks to acknowledge without storing (a server that lost them). */
  shouldDrop: (chunk: CommandOutput) => boolean = () => false;
  readonly started: { invocationId: string; startedAt: number }[] = [];
  readonly chunks: (CommandOutput & { receivedAt: number })[] = [];
  /** `chunksBefore`: how many chunks had arrived when the result did. */
  readonly results: (CommandResult & { receivedAt: number; chunksBefore: number; answer: CommandResultAck })[] = [];
  inflight = 0;
  maxInflight = 0;
  private readonly stored = new Map<string, Map<number, Buffer>>();

  readonly send: CommandSender = {
    started: (payload) => {
      if (this.isConnected) this.started.push(payload);
    },
    output: async (chunk) => {
      if (!this.isConnected) throw new Error('not connected');
      this.inflight += 1;
      this.maxInflight = Math.max(this.maxInflight, this.inflight);
      try {
        this.chunks.push({ ...chunk, data: Buffer.from(chunk.data), receivedAt: Date.now() });
        if (this.ackDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.ackDelayMs));
        if (!this.isConnected) throw new Error('disconnected');
        if (!this.shouldDrop(chunk)) this.store(chunk.invocationId, chunk.plugin, chunk.stream, chunk.offset, chunk.data);
      } finally {
        this.inflight -= 1;
      }
    },
    result: async (result) => {
      if (!this.isConnected) throw new Error('not connected');
      for (const tail of result.tail) this.store(result.invocationId, tail.plugin, tail.stream, tail.offset, tail.data);
      const answer = this.answer(result);
      this.results.push({ ...result, receivedAt: Date.now(), chunksBefore: this.chunks.length, answer });
      return answer;
    },
    // Plugins that talk to the server are tested against the real one (e2e/integration).
    call: async (event) => ({ ok: false, error: `${event}: no server in this test` }) as never,
  };

  /** What the real server answers: stored when it holds every byte the plugins counted. */
  private answer(result: CommandResult): CommandResultAck {
    const missing: { plugin: number; stream: OutputStream; offset: number }[] = [];
    result.plugins.forEach((plugin, index) => {
      for (const stream of ['stdout', 'stderr'] as const) {
        const have = this.output(result.invocationId, index, stream).byteLength;
        if (have < (stream === 'stdout' ? plugin.stdoutBytes : plugin.stderrBytes)) missing.push({ plugin: index, stream, offset: have });
      }
    });
    return missing.length > 0 ? { stored: false, missing } : { stored: true };
  }

  private store(invocationId: string, plugin: number, stream: OutputStream, offset: number, data: Uint8Array): void {
    const key = `${invocationId}/${plugin}/${stream}`;
    const spans = this.stored.get(key) ?? new Map<number, Buffer>();
    const existing = spans.get(offset);
    if (!existing || existing.byteLength < data.byteLength) spans.set(offset, Buffer.from(data));
    this.stored.set(key, spans);
  }

  /** The stream's bytes from offset 0 up to the first gap. */
  output(invocationId: string, plugin: number, stream: OutputStream): Buffer {
    const spans = [...(this.stored.get(`${invocationId}/${plugin}/${stream}`) ?? new Map<number, Buffer>())].sort(([a], [b]) => a - b);
    const parts: Buffer[] = [];
    let end = 0;
    for (const [offset, data] of spans) {
      if (offset > end) break;
      if (offset + data.byteLength > end) parts.push(data.subarray(end - offset));
      end = Math.max(end, offset + data.byteLength);
    }
    return Buffer.concat(parts);
  }

  text(invocationId: string, plugin: number, stream: OutputStream = 'stdout'): string {
    return this.output(invocationId, plugin, stream).toString('utf8');
  }

  storedResult(invocationId: string): CommandResult | undefined {
    return this.results.find((result) => result.invocationId === invocationId && result.answer.stored);
  }

  async waitForResult(invocationId: string, timeoutMs = 30_000): Promise<CommandResult> {
    return waitUntil(`the result of ${invocationId}`, () => this.storedResult(invocationId), timeoutMs);
  }
}

export async function waitUntil<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 30_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function shellStep(name: string, runCommand: string[] | string, inputs: Record<string, unknown> = {}, extra: Partial<CommandStep> = {}): CommandStep {
  return { name, action: 'aws:runShellScript', inputs: { runCommand, ...inputs }, ...extra };
}

export function commandRun(steps: CommandStep[], overrides: Partial<CommandRun> = {}): CommandRun {
  return {
    invocationId: randomUUID(),
    commandId: randomUUID(),
    documentName: 'AWS-RunShellScript',
    steps,
    executionTimeoutSeconds: 3600,
    ...overrides,
  };
}

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opsdeck-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const NODE_ID = 'mi-0123456789abcdef0';
