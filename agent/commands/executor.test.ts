import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandResultSchema } from '../protocol';
import { CommandExecutor } from './executor';
import { FakeServer, NODE_ID, commandRun, shellStep, tempDir, waitUntil, removeTempDirs } from './testing';

const executors: CommandExecutor[] = [];

function setup(options: { platformType?: string; now?: () => number } = {}) {
  const stateDir = tempDir('commands');
  const server = new FakeServer();
  const executor = new CommandExecutor({ stateDir, nodeId: NODE_ID, platformType: options.platformType ?? 'Linux', send: server.send, now: options.now });
  executors.push(executor);
  return { stateDir, server, executor };
}

afterEach(async () => {
  await Promise.all(executors.splice(0).map((executor) => executor.close()));
  removeTempDirs();
});

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A killed process nobody reaped yet is a zombie: it runs no more.
  return /^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
}

describe('CommandExecutor: running steps', () => {
  it('reports exit codes and a status per plugin; a failed step does not stop the next (schema 2.2)', async () => {
    const { server, executor } = setup();
    const run = commandRun([
      shellStep('first', ['echo one', 'echo oops >&2']),
      shellStep('second', ['echo two', 'exit 3']),
      shellStep('third', 'printf three'),
    ]);
    expect(await executor.receive(run)).toEqual({ accepted: true });
    const result = await server.waitForResult(run.invocationId);
    expect(commandResultSchema.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({ status: 'Failed', statusDetails: 'Failed' });
    expect(result.plugins.map((plugin) => [plugin.name, plugin.status, plugin.exitCode])).toEqual([
      ['first', 'Success', 0],
      ['second', 'Failed', 3],
      ['third', 'Success', 0],
    ]);
    expect(result.plugins.map((plugin) => [plugin.stdoutBytes, plugin.stderrBytes])).toEqual([[4, 5], [4, 0], [5, 0]]);
    expect(server.text(run.invocationId, 0)).toBe('one\n');
    expect(server.text(run.invocationId, 0, 'stderr')).toBe('oops\n');
    expect(server.text(run.invocationId, 2)).toBe('three');
  });

  it('succeeds when every step succeeds, runs the script with /bin/sh so set -e works, and sets the SSM variables', async () => {
    const { server, executor } = setup();
    const run = commandRun([
      shellStep('env', ['echo "$AWS_SSM_INSTANCE_ID $OPSDECK_COMMAND_ID $OPSDECK_INVOCATION_ID"', 'pwd']),
      shellStep('strict', ['set -e', 'false', 'echo not reached']),
    ]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    const [ids, cwd] = server.text(run.invocationId, 0).trim().split('\n');
    expect(ids).toBe(`${NODE_ID} ${run.commandId} ${run.invocationId}`);
    expect(cwd).toMatch(new RegExp(`/commands/${run.invocationId}/work$`));
    expect(result.plugins[1]).toMatchObject({ status: 'Failed', exitCode: 1, stdoutBytes: 0 });

    const ok = commandRun([shellStep('a', 'true'), shellStep('b', ['x=1', 'test "$x" = 1'])]);
    await executor.receive(ok);
    expect(await server.waitForResult(ok.invocationId)).toMatchObject({ status: 'Success', statusDetails: 'Success' });
  });

  it('runs in workingDirectory, and fails the step with a clear message when it does not exist', async () => {
    const { server, executor } = setup();
    const dir = tempDir('cwd');
    const run = commandRun([shellStep('here', 'pwd', { workingDirectory: dir }), shellStep('nowhere', 'pwd', { workingDirectory: '/no/such/dir' })]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    expect(server.text(run.invocationId, 0)).toBe(`${dir}\n`);
    expect(result.plugins[1]).toMatchObject({ status: 'Failed', exitCode: -1, message: expect.stringContaining("workingDirectory '/no/such/dir' does not exist") });
    expect(result.plugins[1]!.startedAt).toBeTypeOf('number');
  });

  it('skips a step whose platformType precondition does not match, without running it', async () => {
    const { server, executor } = setup({ platformType: 'Linux' });
    const marker = path.join(tempDir('marker'), 'ran');
    const run = commandRun([
      shellStep('windows-only', `echo ran > ${marker}`, {}, { precondition: { StringEquals: ['platformType', 'Windows'] } }),
      shellStep('linux-only', 'echo linux', {}, { precondition: { StringEquals: ['platformType', 'Linux'] } }),
    ]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    expect(result.status).toBe('Success');
    expect(result.plugins[0]).toMatchObject({ status: 'Skipped', exitCode: -1, message: expect.stringContaining('incompatible platform') });
    expect(result.plugins[0]!.startedAt).toBeUndefined();
    expect(result.plugins[1]).toMatchObject({ status: 'Success' });
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('runs aws:runDocument steps in order inside one plugin, Failed when a nested step failed', async () => {
    const { server, executor } = setup();
    const run = commandRun([
      {
        name: 'nested',
        action: 'aws:runDocument',
        inputs: { documentType: 'SSMDocument', documentPath: 'Inner' },
        steps: [shellStep('inner1', 'echo inner-one'), shellStep('inner2', ['echo inner-two', 'exit 4']), shellStep('inner3', 'echo inner-three')],
      },
    ]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    expect(server.text(run.invocationId, 0)).toBe('inner-one\ninner-two\ninner-three\n');
    expect(result.plugins).toHaveLength(1);
    expect(result.plugins[0]).toMatchObject({ action: 'aws:runDocument', status: 'Failed', exitCode: 4, message: expect.stringContaining('inner2 Failed') });
    expect(result.status).toBe('Failed');
  });

  it('refuses payloads the protocol does not allow', async () => {
    const { executor } = setup();
    expect(await executor.receive({ invocationId: 'not-a-uuid', steps: [] })).toEqual({ accepted: false });
    expect(await executor.receive(commandRun([{ name: 'x', action: 'aws:runPowerShellScript' as never, inputs: {} }]))).toEqual({ accepted: false });
    expect(await executor.receive(commandRun([shellStep('x', 'true')], { runAs: 'root; rm -rf /' }))).toEqual({ accepted: false });
  });

  it('reports node-clock timestamps and command:started, and runs invocations side by side', async () => {
    const skewMs = 3_600_000;
    const { server, executor } = setup({ now: () => Date.now() + skewMs });
    const first = commandRun([shellStep('wait', 'sleep 0.6')]);
    const second = commandRun([shellStep('wait', 'sleep 0.6')]);
    const before = Date.now() + skewMs;
    await Promise.all([executor.receive(first), executor.receive(second)]);
    const [a, b] = await Promise.all([server.waitForResult(first.invocationId), server.waitForResult(second.invocationId)]);
    expect(server.started.map((started) => started.invocationId).sort()).toEqual([first.invocationId, second.invocationId].sort());
    expect(server.started[0]!.startedAt).toBeGreaterThanOrEqual(before);
    expect(a.plugins[0]!.startedAt!).toBeGreaterThanOrEqual(before);
    expect(a.plugins[0]!.endedAt! - a.plugins[0]!.startedAt!).toBeGreaterThanOrEqual(500);
    // Overlapping runs: each started before the other ended.
    expect(a.plugins[0]!.startedAt!).toBeLessThan(b.plugins[0]!.endedAt!);
    expect(b.plugins[0]!.startedAt!).toBeLessThan(a.plugins[0]!.endedAt!);
  });
});

describe('CommandExecutor: cancel and timeouts', () => {
  it('cancel kills the whole process group; the remaining steps do not run', async () => {
    const { server, executor } = setup();
    const dir = tempDir('cancel');
    const pidFile = path.join(dir, 'pid');
    const marker = path.join(dir, 'later');
    const run = commandRun([shellStep('sleeper', [`sleep 600 & echo $! > ${pidFile}`, 'wait']), shellStep('later', `touch ${marker}`)]);
    await executor.receive(run);
    const pid = await waitUntil('the sleep pid', () => fs.existsSync(pidFile) && Number(fs.readFileSync(pidFile, 'utf8')));
    expect(isGone(pid)).toBe(false);
    expect(executor.cancel(run.invocationId)).toEqual({ found: true });
    const result = await server.waitForResult(run.invocationId);
    expect(result).toMatchObject({ status: 'Cancelled', statusDetails: 'Cancelled' });
    expect(result.plugins.map((plugin) => plugin.status)).toEqual(['Cancelled', 'Cancelled']);
    expect(result.plugins[0]!.exitCode).toBe(-1);
    expect(result.plugins[1]!.startedAt).toBeUndefined();
    await waitUntil('the sleep to be gone', () => isGone(pid), 5_000);
    expect(fs.existsSync(marker)).toBe(false);
    expect(executor.cancel(run.invocationId)).toEqual({ found: false });
  });

  it('a group that ignores SIGTERM is killed with SIGKILL', async () => {
    const { server, executor } = setup();
    const pidFile = path.join(tempDir('stubborn'), 'pid');
    const run = commandRun([shellStep('stubborn', ["trap '' TERM", `sh -c "trap '' TERM; sleep 600" & echo $! > ${pidFile}`, 'wait'])]);
    await executor.receive(run);
    const pid = await waitUntil('the pid', () => fs.existsSync(pidFile) && Number(fs.readFileSync(pidFile, 'utf8')));
    const cancelledAt = Date.now();
    executor.cancel(run.invocationId);
    await server.waitForResult(run.invocationId);
    await waitUntil('the stubborn process to be gone', () => isGone(pid), 5_000);
    expect(Date.now() - cancelledAt).toBeGreaterThanOrEqual(1_900);
  });

  it('the execution timeout kills the running step: TimedOut, ExecutionTimedOut, later steps not run', async () => {
    const { server, executor } = setup();
    const run = commandRun([shellStep('slow', ['echo starting', 'sleep 30']), shellStep('after', 'echo after')], { executionTimeoutSeconds: 1 });
    const startedAt = Date.now();
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(result).toMatchObject({ status: 'TimedOut', statusDetails: 'ExecutionTimedOut' });
    expect(result.plugins[0]).toMatchObject({ status: 'TimedOut', exitCode: -1, message: expect.stringContaining('execution timeout (1 s)') });
    expect(result.plugins[1]).toMatchObject({ status: 'TimedOut', message: expect.stringContaining('not run') });
    expect(server.text(run.invocationId, 0)).toBe('starting\n');
  });

  it("a step's own timeoutSeconds (a numeric string too) times out that step only", async () => {
    const { server, executor } = setup();
    const run = commandRun([shellStep('slow', 'sleep 30', { timeoutSeconds: '1' }), shellStep('after', 'echo after')]);
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    expect(result).toMatchObject({ status: 'TimedOut', statusDetails: 'ExecutionTimedOut' });
    expect(result.plugins.map((plugin) => plugin.status)).toEqual(['TimedOut', 'Success']);
    expect(result.plugins[0]!.message).toContain('timeoutSeconds (1 s)');

    const bad = commandRun([shellStep('bad', 'true', { timeoutSeconds: 'soon' })]);
    await executor.receive(bad);
    expect((await server.waitForResult(bad.invocationId)).plugins[0]).toMatchObject({ status: 'Failed', message: expect.stringContaining('timeoutSeconds') });
  });
});

describe('CommandExecutor: runAs', () => {
  it('runs the step as the named user when the agent is root, and fails clearly for unknown users', async () => {
    const { server, executor } = setup();
    const run = commandRun([shellStep('who', ['id -un', 'echo "$HOME"'])], { runAs: 'nobody' });
    await executor.receive(run);
    const result = await server.waitForResult(run.invocationId);
    if (process.getuid?.() === 0) {
      expect(result.plugins[0]).toMatchObject({ status: 'Success' });
      expect(server.text(run.invocationId, 0).split('\n')[0]).toBe('nobody');
    } else {
      expect(result.plugins[0]).toMatchObject({ status: 'Failed', message: expect.stringContaining('not root') });
    }
    const unknown = commandRun([shellStep('who', 'id -un')], { runAs: 'no_such_user_x' });
    await executor.receive(unknown);
    expect((await server.waitForResult(unknown.invocationId)).plugins[0]).toMatchObject({
      status: 'Failed',
      message: expect.stringContaining("no OS user 'no_such_user_x'"),
    });
  });
});
