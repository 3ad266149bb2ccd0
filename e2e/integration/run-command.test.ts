import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { CancelCommandCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, ListCommandsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { startFleet, type Fleet } from '../../bench/fleet/simulator';
import { awsCli, BOOTSTRAP_ENV, ssmClient } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { runCommand, waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

interface Invocation {
  InstanceId: string;
  Status: string;
  StatusDetails: string;
  CommandPlugins?: { Status: string; ResponseCode: number; ResponseStartDateTime?: Date; ResponseFinishDateTime?: Date; Output?: string }[];
}

describe('Run Command with real agents', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let ssm: SSMClient;
  let fleet: Fleet;
  let activation: { activationId: string; activationCode: string };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-runcommand-'));
  let databaseUrl: string;

  const ids = (from: number, to: number) => fleet.nodes.slice(from, to).map((node) => node.nodeId);

  async function send(input: { instanceIds?: string[]; targets?: { Key: string; Values: string[] }[]; commands: string[]; maxConcurrency?: string; maxErrors?: string; timeoutSeconds?: number }) {
    const { Command } = await ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: input.instanceIds,
        Targets: input.targets,
        Parameters: { commands: input.commands },
        MaxConcurrency: input.maxConcurrency,
        MaxErrors: input.maxErrors,
        TimeoutSeconds: input.timeoutSeconds,
      }),
    );
    return Command!.CommandId!;
  }

  async function invocations(commandId: string): Promise<Invocation[]> {
    const { CommandInvocations } = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: true }));
    return CommandInvocations as Invocation[];
  }

  async function finished(commandId: string, timeoutMs = 60_000) {
    return waitFor(
      `command ${commandId} to finish`,
      async () => {
        const { Commands } = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
        const command = Commands![0]!;
        return ['Success', 'Failed', 'Cancelled', 'TimedOut'].includes(command.Status!) ? command : undefined;
      },
      timeoutMs,
    );
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'run_command');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    admin = await ConsoleClient.signIn(server.url);
    ssm = ssmClient(server.url);
    activation = await admin.createActivation({ registrationLimit: 60 });
    fleet = await startFleet({ serverUrl: server.url, ...activation, count: 6, namePrefix: 'rc', tags: { Role: 'web' }, stateRoot: path.join(scratch, 'fleet') });
    await fleet.online();
  });

  afterAll(async () => {
    await fleet?.stop();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('runs a shell script on every node and keeps each output', async () => {
    const commandId = await send({ instanceIds: ids(0, 6), commands: ['echo "hello from $AWS_SSM_INSTANCE_ID"', 'echo oops >&2'] });
    const command = await finished(commandId);
    expect(command).toMatchObject({ Status: 'Success', TargetCount: 6, CompletedCount: 6, ErrorCount: 0 });
    const output = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: fleet.nodes[2]!.nodeId }));
    expect(output).toMatchObject({ Status: 'Success', ResponseCode: 0, StandardOutputContent: `hello from ${fleet.nodes[2]!.nodeId}\n`, StandardErrorContent: 'oops\n', PluginName: 'runShellScript' });
    const listed = await invocations(commandId);
    expect(listed.map((invocation) => [invocation.InstanceId, invocation.CommandPlugins?.[0]?.Output])).toEqual(
      ids(0, 6)
        .sort()
        .map((id) => [id, `hello from ${id}\n\n----------ERROR-------\noops\n`]),
    );
  });

  it('never runs more than MaxConcurrency nodes at once (node-side timestamps)', async () => {
    const commandId = await send({ instanceIds: ids(0, 6), commands: ['sleep 0.6'], maxConcurrency: '2' });
    expect((await finished(commandId)).Status).toBe('Success');
    const spans = (await invocations(commandId)).map((invocation) => ({
      start: new Date(invocation.CommandPlugins![0]!.ResponseStartDateTime!).getTime(),
      end: new Date(invocation.CommandPlugins![0]!.ResponseFinishDateTime!).getTime(),
    }));
    const mostAtOnce = Math.max(...spans.map((span) => spans.filter((other) => other.start <= span.start && span.start < other.end).length));
    expect(mostAtOnce).toBe(2);
  });

  it('stops sending after MaxErrors is exceeded and reports the rest Terminated', async () => {
    const commandId = await send({ instanceIds: ids(0, 6), commands: ['exit 3'], maxConcurrency: '1', maxErrors: '1' });
    const command = await finished(commandId);
    expect(command).toMatchObject({ Status: 'Failed', StatusDetails: 'Failed', ErrorCount: 2, CompletedCount: 6 });
    const details = (await invocations(commandId)).map((invocation) => invocation.StatusDetails);
    expect(details.filter((detail) => detail === 'Failed')).toHaveLength(2);
    expect(details.filter((detail) => detail === 'Terminated')).toHaveLength(4);
  });

  it('reruns a finished command as one command to the nodes where it did not succeed, with the same limits', async () => {
    const ready = path.join(scratch, 'ready');
    fs.mkdirSync(ready, { recursive: true });
    for (const nodeId of ids(3, 6)) fs.writeFileSync(path.join(ready, nodeId), '');
    const commandId = await send({ instanceIds: ids(0, 6), commands: [`test -f ${ready}/$AWS_SSM_INSTANCE_ID`], maxConcurrency: '2', maxErrors: '6' });
    expect(await finished(commandId)).toMatchObject({ Status: 'Failed', ErrorCount: 3 });

    for (const nodeId of ids(0, 3)) fs.writeFileSync(path.join(ready, nodeId), '');
    const rerun = await admin.request<{ CommandId: string; InstanceIds: string[]; TargetCount: number; MaxConcurrency: string; MaxErrors: string; Comment: string }>('POST', `/api/commands/${commandId}/rerun`);
    expect(rerun.status, JSON.stringify(rerun.body)).toBe(200);
    expect(rerun.body).toMatchObject({ TargetCount: 3, MaxConcurrency: '2', MaxErrors: '6', Comment: `Rerun of ${commandId.slice(0, 8)} on failed targets` });
    expect([...rerun.body.InstanceIds].sort()).toEqual(ids(0, 3).sort());
    const again = await finished(rerun.body.CommandId);
    expect(again).toMatchObject({ Status: 'Success', CompletedCount: 3 });

    const nothing = await admin.request<{ __type: string; message: string }>('POST', `/api/commands/${rerun.body.CommandId}/rerun`);
    expect([nothing.status, nothing.body.__type, nothing.body.message]).toEqual([400, 'ValidationException', 'the command succeeded on every node that is still registered; there is nothing to rerun']);
    const unknown = await admin.request<{ __type: string }>('POST', '/api/commands/00000000-0000-4000-8000-000000000000/rerun');
    expect([unknown.status, unknown.body.__type]).toEqual([400, 'InvalidCommandId']);
  });

  it('cancels a running command and kills its processes on the node', async () => {
    const marker = `sleep 617`;
    const commandId = await send({ instanceIds: ids(0, 1), commands: [marker] });
    await waitFor('the sleep to start', async () => (await runCommand('pgrep', ['-f', marker])).stdout.trim() !== '', 20_000);
    await ssm.send(new CancelCommandCommand({ CommandId: commandId }));
    const command = await finished(commandId);
    expect(command.Status).toBe('Cancelled');
    expect((await invocations(commandId))[0]).toMatchObject({ Status: 'Cancelled' });
    await waitFor('the sleep to be gone', async () => (await runCommand('pgrep', ['-f', marker])).stdout.trim() === '', 10_000);
  });

  it('holds a command for an offline node until it connects, and times out delivery to one that stays away', async () => {
    const [away, back] = [fleet.nodes[4]!, fleet.nodes[5]!];
    await away.agent.stop();
    await back.agent.stop();
    await waitFor('both nodes offline', async () => (await admin.pingStatusOf(away.nodeId)) !== 'Online' && (await admin.pingStatusOf(back.nodeId)) !== 'Online', 20_000);
    const waiting = await send({ instanceIds: [back.nodeId], commands: ['echo made it'] });
    const expiring = await send({ instanceIds: [away.nodeId], commands: ['echo never'], timeoutSeconds: 30 });
    await waitFor('the invocation Delayed', async () => (await invocations(waiting))[0]?.Status === 'Delayed', 10_000);
    await fleet.restart(back);
    expect((await finished(waiting)).Status).toBe('Success');
    const expired = await finished(expiring, 60_000);
    expect(expired).toMatchObject({ Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', DeliveryTimedOutCount: 1, ErrorCount: 0 });
    expect((await invocations(expiring))[0]).toMatchObject({ Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut' });
    await fleet.restart(away);
  });

  it('works through the real AWS CLI: send-command by tag, list-commands, get-command-invocation, cancel-command', async () => {
    const sent = await awsCli(server.url, ['send-command', '--document-name', 'AWS-RunShellScript', '--targets', 'Key=tag:Role,Values=web', '--parameters', 'commands=["echo cli says hi"]', '--comment', 'from the cli']);
    expect(sent.code, sent.stderr).toBe(0);
    const commandId = (sent.json as { Command: { CommandId: string; TargetCount: number } }).Command.CommandId;
    expect((sent.json as { Command: { TargetCount: number } }).Command.TargetCount).toBe(6);
    await finished(commandId);
    const listed = await awsCli(server.url, ['list-commands', '--command-id', commandId]);
    expect((listed.json as { Commands: { Status: string; Comment: string }[] }).Commands[0]).toMatchObject({ Status: 'Success', Comment: 'from the cli' });
    const invocation = await awsCli(server.url, ['get-command-invocation', '--command-id', commandId, '--instance-id', fleet.nodes[0]!.nodeId]);
    expect(invocation.json).toMatchObject({ Status: 'Success', StandardOutputContent: 'cli says hi\n' });

    const long = await awsCli(server.url, ['send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', fleet.nodes[1]!.nodeId, '--parameters', 'commands=["sleep 619"]']);
    const longId = (long.json as { Command: { CommandId: string } }).Command.CommandId;
    await waitFor('the sleep to start', async () => (await runCommand('pgrep', ['-f', 'sleep 619'])).stdout.trim() !== '', 20_000);
    const cancelled = await awsCli(server.url, ['cancel-command', '--command-id', longId]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect((await finished(longId)).Status).toBe('Cancelled');

    const missing = await awsCli(server.url, ['get-command-invocation', '--command-id', commandId, '--instance-id', 'mi-00000000000000000']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('InvocationDoesNotExist');
  });

  it('rejects bad input with AWS error names and stores nothing', async () => {
    const before = (await ssm.send(new ListCommandsCommand({}))).Commands!.length;
    const badParameter = await awsCli(server.url, ['send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', fleet.nodes[0]!.nodeId, '--parameters', 'commands=["true"],nope=["x"]']);
    expect(badParameter.stderr).toContain('InvalidParameters');
    expect(badParameter.stderr).toContain("the document has no parameter 'nope'");
    const badDocument = await awsCli(server.url, ['send-command', '--document-name', 'No-Such-Doc', '--instance-ids', fleet.nodes[0]!.nodeId]);
    expect(badDocument.stderr).toContain('InvalidDocument');
    const badNode = await awsCli(server.url, ['send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', 'mi-0123456789abcdef0', '--parameters', 'commands=["true"]']);
    expect(badNode.stderr).toContain('InvalidInstanceId');
    const badRate = await awsCli(server.url, ['send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', fleet.nodes[0]!.nodeId, '--parameters', 'commands=["true"]', '--max-concurrency', '150%']);
    expect(badRate.stderr).toContain('ValidationException');
    expect((await ssm.send(new ListCommandsCommand({}))).Commands!.length).toBe(before);
  });

  it('runs each invocation exactly once across a server SIGKILL and agent restarts in the middle of a 50-node command', async () => {
    const extra = await startFleet({ serverUrl: server.url, ...activation, count: 44, namePrefix: 'rc-extra', stateRoot: path.join(scratch, 'extra') });
    await extra.online();
    try {
      const markers = path.join(scratch, 'markers');
      fs.mkdirSync(markers);
      const all = [...fleet.nodes, ...extra.nodes];
      const commandId = await send({
        targets: [{ Key: 'InstanceIds', Values: all.map((node) => node.nodeId) }],
        commands: [`echo "$OPSDECK_INVOCATION_ID" >> ${markers}/$AWS_SSM_INSTANCE_ID`, 'sleep 1'],
        maxConcurrency: '10',
        // The two agents restarted below may report their step Failed (it was running when they
        // stopped); that must not stop the command for everyone else.
        maxErrors: '2',
      });
      await waitFor('some nodes to have run', async () => fs.readdirSync(markers).length >= 10, 30_000);
      await server.kill();
      // Two agents restart while their server is down: their journals must stop a second run.
      await Promise.all([extra.restart(extra.nodes[0]!, { waitOnline: false }), extra.restart(extra.nodes[1]!, { waitOnline: false })]);
      server = await startServer({ databaseUrl, port: server.port, dataDir: server.dataDir, env: BOOTSTRAP_ENV });
      ssm = ssmClient(server.url);
      const command = await finished(commandId, 120_000);
      expect(command.CompletedCount).toBe(50);
      const runs = all.map((node) => {
        const file = path.join(markers, node.nodeId);
        return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').length : 0;
      });
      expect(Math.max(...runs), 'no node ran the command twice').toBe(1);
      const listed = await invocations(commandId);
      const statuses = listed.map((invocation) => invocation.Status);
      const summary = JSON.stringify(listed.map((invocation) => [invocation.StatusDetails, invocation.CommandPlugins?.[0]?.Output?.slice(0, 120)]));
      // A node whose agent restarted mid-step reports Failed rather than running again.
      expect(statuses.filter((status) => status === 'Success').length, summary).toBeGreaterThanOrEqual(48);
      expect(runs.filter((count) => count === 1).length).toBeGreaterThanOrEqual(statuses.filter((status) => status === 'Success').length);
    } finally {
      await extra.stop();
    }
  });
});
