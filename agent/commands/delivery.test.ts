import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTs } from '../../e2e/support/processes';
import { OUTPUT_CHUNK_BYTES } from '../protocol';
import { CommandExecutor } from './executor';
import { FakeServer, NODE_ID, commandRun, shellStep, tempDir, waitUntil, removeTempDirs } from './testing';

const executors: CommandExecutor[] = [];

function executorOn(stateDir: string, server: FakeServer): CommandExecutor {
  const executor = new CommandExecutor({ stateDir, nodeId: NODE_ID, platformType: 'Linux', send: server.send });
  executors.push(executor);
  return executor;
}

afterEach(async () => {
  await Promise.all(executors.splice(0).map((executor) => executor.close()));
  removeTempDirs();
});

const lines = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

describe('CommandExecutor: exactly once', () => {
  it('runs an invocation id once however often it is received: concurrently, after finishing, after the ack, after a restart', async () => {
    const stateDir = tempDir('dedupe');
    const server = new FakeServer();
    const executor = executorOn(stateDir, server);
    const marker = path.join(tempDir('marker'), 'runs');
    const run = commandRun([shellStep('count', [`echo run >> ${marker}`, 'sleep 0.3'])]);

    const answers = await Promise.all([executor.receive(run), executor.receive(run), executor.receive(structuredClone(run))]);
    expect(answers).toEqual([{ accepted: true }, { accepted: true }, { accepted: true }]);
    expect(await executor.receive(run)).toEqual({ accepted: true });
    await server.waitForResult(run.invocationId);
    expect(await executor.receive(run)).toEqual({ accepted: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines(marker)).toBe(1);

    // Acknowledged: only the id is kept, the spool and work dir are gone.
    expect(fs.existsSync(path.join(stateDir, 'commands', run.invocationId))).toBe(false);
    expect(fs.readFileSync(path.join(stateDir, 'commands', 'acked.log'), 'utf8')).toContain(run.invocationId);

    await executor.close();
    const restarted = executorOn(stateDir, server);
    expect(await restarted.receive(run)).toEqual({ accepted: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines(marker)).toBe(1);
    expect(server.results.filter((result) => result.invocationId === run.invocationId)).toHaveLength(1);
  });

  it('a duplicate command:run for a finished but unacknowledged invocation re-sends its result', async () => {
    const server = new FakeServer();
    server.isConnected = false;
    const executor = executorOn(tempDir('duplicate'), server);
    const marker = path.join(tempDir('marker'), 'runs');
    const run = commandRun([shellStep('count', `echo run >> ${marker}`)]);
    await executor.receive(run);
    await waitUntil('the outbox', () => executor.outbox.includes(run.invocationId));
    server.isConnected = true;
    await executor.receive(run);
    expect(await server.waitForResult(run.invocationId)).toMatchObject({ status: 'Success' });
    expect(lines(marker)).toBe(1);
  });
});

describe('CommandExecutor: the outbox', () => {
  it('keeps a result whose send failed and sends it on resume()', async () => {
    const stateDir = tempDir('outbox');
    const server = new FakeServer();
    const executor = executorOn(stateDir, server);
    const run = commandRun([shellStep('hello', ['echo hello', 'sleep 0.5', 'echo bye'])]);
    await executor.receive(run);
    await waitUntil('the first chunk', () => server.chunks.length > 0);
    server.isConnected = false;
    await waitUntil('the outbox', () => executor.outbox.includes(run.invocationId));
    expect(server.results).toHaveLength(0);
    expect(fs.existsSync(path.join(stateDir, 'commands', run.invocationId, 'output', '0.stdout'))).toBe(true);

    server.isConnected = true;
    await executor.resume();
    const result = await server.waitForResult(run.invocationId);
    expect(result.status).toBe('Success');
    expect(server.text(run.invocationId, 0)).toBe('hello\nbye\n');
    expect(executor.outbox).toEqual([]);
    expect(fs.existsSync(path.join(stateDir, 'commands', run.invocationId))).toBe(false);
  });

  it('a result the server lacks output for is followed by that output from the offset it names, then sent again', async () => {
    const server = new FakeServer();
    const executor = executorOn(tempDir('missing'), server);
    const dir = tempDir('expected');
    const expected = path.join(dir, 'expected.bin');
    const lost = 2 * 64 * 1024;
    let isLost = false;
    // The server acks the chunk at `lost` but never stores it (say its write failed after the ack).
    server.shouldDrop = (chunk) => {
      if (chunk.offset !== lost || isLost) return false;
      isLost = true;
      return true;
    };
    const run = commandRun([shellStep('bytes', `head -c 600000 /dev/urandom | tee ${expected}`)]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    expect(isLost).toBe(true);
    const first = server.results[0]!;
    expect(first.answer).toEqual({ stored: false, missing: [{ plugin: 0, stream: 'stdout', offset: lost }] });
    const resent = server.chunks.slice(first.chunksBefore);
    expect(resent[0]).toMatchObject({ plugin: 0, stream: 'stdout', offset: lost });
    expect(resent.every((chunk) => chunk.data.byteLength <= OUTPUT_CHUNK_BYTES)).toBe(true);
    expect(resent.reduce((sum, chunk) => sum + chunk.data.byteLength, 0)).toBe(600000 - lost);
    expect(result.plugins[0]!.stdoutBytes).toBe(600000);
    expect(server.output(run.invocationId, 0, 'stdout').equals(fs.readFileSync(expected))).toBe(true);
  });
});

describe('CommandExecutor: after an agent crash', () => {
  it('reports an invocation the dead agent left running as Failed, and never runs it again', async () => {
    const stateDir = tempDir('crash');
    const dir = tempDir('crash-marker');
    const marker = path.join(dir, 'runs');
    const pidFile = path.join(dir, 'pid');
    const run = commandRun([
      shellStep('done', 'echo finished-before-crash'),
      shellStep('interrupted', [`echo run >> ${marker}`, `echo $$ > ${pidFile}`, 'echo partial', 'sleep 600']),
      shellStep('never', `echo never >> ${marker}`),
    ]);
    const agent = spawnTs('agent/commands/fixtures/crash-runner.ts', [stateDir, JSON.stringify(run)]);
    let scriptPid = 0;
    try {
      scriptPid = await waitUntil('the step to run', () => fs.existsSync(pidFile) && Number(fs.readFileSync(pidFile, 'utf8')), 30_000);
      await waitUntil('its output in the spool', () => fs.existsSync(path.join(stateDir, 'commands', run.invocationId, 'output', '1.stdout')) && fs.statSync(path.join(stateDir, 'commands', run.invocationId, 'output', '1.stdout')).size === 8);
      agent.child.kill('SIGKILL');
      await agent.exited;
    } finally {
      agent.child.kill('SIGKILL');
      // The script was in its own process group, so it outlived the agent, as it would on a real node.
      if (scriptPid) process.kill(-scriptPid, 'SIGKILL');
    }

    const server = new FakeServer();
    const restarted = executorOn(stateDir, server);
    expect(restarted.outbox).toEqual([run.invocationId]);
    expect(await restarted.receive(run)).toEqual({ accepted: true });
    await restarted.resume();
    const result = await server.waitForResult(run.invocationId);
    expect(result).toMatchObject({ status: 'Failed', statusDetails: 'Failed' });
    expect(result.plugins[0]).toMatchObject({ status: 'Success', exitCode: 0, stdoutBytes: 'finished-before-crash\n'.length });
    expect(result.plugins[1]).toMatchObject({ status: 'Failed', exitCode: -1, stdoutBytes: 'partial\n'.length });
    expect(result.plugins[1]!.message).toMatch(/agent stopped.*never runs a command twice/);
    expect(result.plugins[2]).toMatchObject({ status: 'Failed', exitCode: -1, message: expect.stringContaining('not run') });
    // The output the dead agent spooled still reaches the server.
    expect(server.text(run.invocationId, 0)).toBe('finished-before-crash\n');
    expect(server.text(run.invocationId, 1)).toBe('partial\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines(marker)).toBe(1);
  });
});
