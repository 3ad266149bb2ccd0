import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTPUT_CHUNK_BYTES } from '../protocol';
import { CommandExecutor } from './executor';
import { OUTPUT_WINDOW } from './streamer';
import { FakeServer, NODE_ID, commandRun, shellStep, tempDir, removeTempDirs } from './testing';

const executors: CommandExecutor[] = [];

function setup() {
  const server = new FakeServer();
  const executor = new CommandExecutor({ stateDir: tempDir('streaming'), nodeId: NODE_ID, platformType: 'Linux', send: server.send });
  executors.push(executor);
  return { server, executor };
}

afterEach(async () => {
  await Promise.all(executors.splice(0).map((executor) => executor.close()));
  removeTempDirs();
});

describe('CommandExecutor: output streaming', () => {
  it('streams output live, chunk by chunk, before the script exits', async () => {
    const { server, executor } = setup();
    const run = commandRun([shellStep('count', 'for i in 1 2 3; do echo $i; sleep 0.3; done')]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    const endedAt = result.plugins[0]!.endedAt!;
    const live = server.chunks.filter((chunk) => chunk.receivedAt < endedAt);
    expect(live.map((chunk) => chunk.data.toString())).toEqual(expect.arrayContaining(['1\n', '2\n']));
    // "1" arrived about 100 ms after it was printed, long before the last sleep ended.
    expect(live[0]!.receivedAt).toBeLessThan(endedAt - 500);
    expect(live.map((chunk) => chunk.offset)).toEqual([0, 2, 4].slice(0, live.length));
    expect(server.text(run.invocationId, 0)).toBe('1\n2\n3\n');
    expect(result.plugins[0]!.stdoutBytes).toBe(6);
  });

  it('delivers 10 MB of binary output complete and byte-exact, never more than the window in flight', async () => {
    const { server, executor } = setup();
    server.ackDelayMs = 5;
    const expected = path.join(tempDir('big'), 'expected.bin');
    const size = 10 * 1024 * 1024;
    const run = commandRun([shellStep('big', [`head -c ${size} /dev/urandom | tee ${expected}`, 'printf "\\377\\000\\001" >&2'])]);
    const memoryBefore = process.memoryUsage().rss;
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId, 60_000);
    expect(result.plugins[0]).toMatchObject({ status: 'Success', stdoutBytes: size, stderrBytes: 3 });
    expect(server.maxInflight).toBeLessThanOrEqual(OUTPUT_WINDOW);
    expect(server.maxInflight).toBeGreaterThan(1);
    // Live chunks are coalesced to at most 64 KiB. What was left unsent at the exit rides in the
    // tail, or (over 64 KiB) follows the server's `missing` answer in chunks of OUTPUT_CHUNK_BYTES.
    const live = server.chunks.slice(0, server.results[0]!.chunksBefore);
    expect(live.every((chunk) => chunk.data.byteLength <= 64 * 1024)).toBe(true);
    expect(server.chunks.every((chunk) => chunk.data.byteLength <= OUTPUT_CHUNK_BYTES)).toBe(true);
    expect(server.output(run.invocationId, 0, 'stdout').equals(fs.readFileSync(expected))).toBe(true);
    expect([...server.output(run.invocationId, 0, 'stderr')]).toEqual([0xff, 0x00, 0x01]);
    // The fake server holds the 10 MB twice over; the agent side adds little to that.
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('pauses a fast writer while the window is full, so output goes no faster than the server stores it', async () => {
    const { server, executor } = setup();
    server.ackDelayMs = 100;
    const size = 4 * 1024 * 1024;
    const run = commandRun([shellStep('fast', `head -c ${size} /dev/zero`)]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId, 60_000);
    const plugin = result.plugins[0]!;
    // 64 chunks of 64 KiB, 8 at a time, 100 ms per ack: the script cannot finish in under ~0.7 s.
    expect(plugin.endedAt! - plugin.startedAt!).toBeGreaterThanOrEqual(500);
    expect(server.maxInflight).toBe(OUTPUT_WINDOW);
    expect(server.output(run.invocationId, 0, 'stdout').byteLength).toBe(size);
  });

  it('keeps streaming to the spool while the server is away, and sends the rest after resume()', async () => {
    const { server, executor } = setup();
    const run = commandRun([shellStep('ticks', 'for i in 1 2 3 4 5 6; do echo tick$i; sleep 0.2; done')]);
    await executor.receive(run);
    await new Promise((resolve) => setTimeout(resolve, 250));
    server.isConnected = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.isConnected = true;
    await executor.resume();
    const result = await server.waitForResult(run.invocationId);
    expect(result.plugins[0]!.stdoutBytes).toBe(36);
    expect(server.text(run.invocationId, 0)).toBe('tick1\ntick2\ntick3\ntick4\ntick5\ntick6\n');
  });
});
