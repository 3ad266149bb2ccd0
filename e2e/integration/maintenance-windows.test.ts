import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { CreateDocumentCommand, GetAutomationExecutionCommand, ListCommandInvocationsCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { startFleet, type Fleet } from '../../bench/fleet/simulator';
import { awsCli, BOOTSTRAP_ENV, signedSsmCall, ssmClient, type AwsCredentials } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

type Json = Record<string, unknown>;
interface TaskExecution { TaskExecutionId: string; Status: string; StatusDetails: string; Priority: number; StartTime?: number; EndTime?: number; CommandId?: string }
interface Invocation { InvocationId: string; ExecutionId?: string; ResourceId?: string; Status: string; StatusDetails: string; Output: string; ResponseStatus?: number; Parameters: string }

const TERMINAL = ['SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED', 'SKIPPED_OVERLAPPING'];

/** An `at()` schedule (UTC) the given number of seconds from now: a window that opens within seconds. */
export function atSoon(seconds: number): { expression: string; at: Date } {
  const at = new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000);
  return { expression: `at(${at.toISOString().slice(0, 19)})`, at };
}

describe('Maintenance Windows with real agents', () => {
  let server: TestServer;
  let ssm: SSMClient;
  let fleet: Fleet;
  let databaseUrl: string;
  let db: pg.Pool;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-mw-'));
  const nodeIds = () => fleet.nodes.map((node) => node.nodeId);

  /** Raw JSON calls: Opsdeck's own members (ResourceId, Output, CommandId) are dropped by the SDK's parser. */
  async function call<T = Json>(operation: string, body: Json): Promise<T> {
    const response = await signedSsmCall(server.url, operation, body);
    if (response.status !== 200) throw new Error(`${operation}: ${JSON.stringify(response.body)}`);
    return response.body as T;
  }

  async function createWindow(schedule: string, extra: Json = {}): Promise<string> {
    const { WindowId } = await call<{ WindowId: string }>('CreateMaintenanceWindow', { Name: `mw-test-${Date.now()}`, Schedule: schedule, Duration: 2, Cutoff: 1, AllowUnassociatedTargets: false, ...extra });
    return WindowId;
  }

  async function registerNodes(windowId: string, ids: string[]): Promise<string> {
    const { WindowTargetId } = await call<{ WindowTargetId: string }>('RegisterTargetWithMaintenanceWindow', { WindowId: windowId, ResourceType: 'INSTANCE', Targets: [{ Key: 'InstanceIds', Values: ids }], OwnerInformation: 'team-ops' });
    return WindowTargetId;
  }

  async function registerShellTask(windowId: string, targetId: string, priority: number, script: string, extra: Json = {}): Promise<string> {
    const { WindowTaskId } = await call<{ WindowTaskId: string }>('RegisterTaskWithMaintenanceWindow', {
      WindowId: windowId,
      TaskType: 'RUN_COMMAND',
      TaskArn: 'AWS-RunShellScript',
      Targets: [{ Key: 'WindowTargetIds', Values: [targetId] }],
      Priority: priority,
      MaxConcurrency: '10',
      MaxErrors: '0',
      TaskInvocationParameters: { RunCommand: { Parameters: { commands: [script] } } },
      ...extra,
    });
    return WindowTaskId;
  }

  async function executions(windowId: string): Promise<{ WindowExecutionId: string; Status: string; StatusDetails: string; ScheduledTime: number }[]> {
    return (await call<{ WindowExecutions: never[] }>('DescribeMaintenanceWindowExecutions', { WindowId: windowId })).WindowExecutions;
  }

  async function finishedExecution(windowId: string, timeoutMs = 90_000) {
    return waitFor(`an execution of ${windowId} to end`, async () => (await executions(windowId)).find((execution) => TERMINAL.includes(execution.Status)), timeoutMs, 500);
  }

  async function taskExecutions(executionId: string): Promise<TaskExecution[]> {
    return (await call<{ WindowExecutionTaskIdentities: TaskExecution[] }>('DescribeMaintenanceWindowExecutionTasks', { WindowExecutionId: executionId })).WindowExecutionTaskIdentities;
  }

  async function invocations(executionId: string, taskExecutionId: string): Promise<Invocation[]> {
    return (await call<{ WindowExecutionTaskInvocationIdentities: Invocation[] }>('DescribeMaintenanceWindowExecutionTaskInvocations', { WindowExecutionId: executionId, TaskId: taskExecutionId }))
      .WindowExecutionTaskInvocationIdentities;
  }

  /** Each node's "<start> <end>" line, as the node's own clock printed it. */
  async function nodeIntervals(commandId: string): Promise<{ nodeId: string; start: number; end: number }[]> {
    const { CommandInvocations } = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: true }));
    return CommandInvocations!.map((invocation) => {
      const [start, end] = invocation.CommandPlugins![0]!.Output!.trim().split(/\s+/).map(Number);
      return { nodeId: invocation.InstanceId!, start: start!, end: end! };
    });
  }

  const restart = async () => {
    await server.kill();
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV, port: server.port, dataDir: server.dataDir });
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'maintenance_windows');
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    ssm = ssmClient(server.url);
    const admin = await ConsoleClient.signIn(server.url);
    const activation = await admin.createActivation({ registrationLimit: 10 });
    fleet = await startFleet({ serverUrl: server.url, ...activation, count: 4, namePrefix: 'mw', tags: { Role: 'mw' }, stateRoot: path.join(scratch, 'fleet') });
    await fleet.online();
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
    await server?.stop();
    await db?.end();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('runs its tasks in priority order, each within its MaxConcurrency, on real nodes', async () => {
    const { expression } = atSoon(6);
    const windowId = await createWindow(expression);
    const targetId = await registerNodes(windowId, nodeIds());
    const interval = 'start=$(date +%s.%N); sleep 2; echo "$start $(date +%s.%N)"';
    await registerShellTask(windowId, targetId, 1, interval, { MaxConcurrency: '2', Name: 'first' });
    await registerShellTask(windowId, targetId, 2, interval, { MaxConcurrency: '4', Name: 'second' });

    const execution = await finishedExecution(windowId);
    expect(execution.Status, execution.StatusDetails).toBe('SUCCESS');
    const [first, second] = await taskExecutions(execution.WindowExecutionId);
    expect([first!.Priority, first!.Status, second!.Priority, second!.Status]).toEqual([1, 'SUCCESS', 2, 'SUCCESS']);

    const firstRuns = await nodeIntervals(first!.CommandId!);
    const secondRuns = await nodeIntervals(second!.CommandId!);
    expect(firstRuns.map((run) => run.nodeId).sort()).toEqual(nodeIds().sort());
    // Priority order, by the nodes' clocks: no second-priority run began before every first one ended.
    expect(Math.min(...secondRuns.map((run) => run.start))).toBeGreaterThanOrEqual(Math.max(...firstRuns.map((run) => run.end)));
    // MaxConcurrency 2: at no instant did more than two first-priority runs overlap.
    const overlapAt = (time: number) => firstRuns.filter((run) => run.start <= time && time < run.end).length;
    expect(Math.max(...firstRuns.map((run) => overlapAt(run.start)))).toBe(2);
    // MaxConcurrency 4: the second task ran on every node at once.
    expect(Math.max(...secondRuns.map((run) => secondRuns.filter((other) => other.start <= run.start && run.start < other.end).length))).toBe(4);

    const rows = await invocations(execution.WindowExecutionId, first!.TaskExecutionId);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.Status === 'SUCCESS' && row.ExecutionId === first!.CommandId && /^\d+\.\d+ \d+\.\d+/.test(row.Output))).toBe(true);
  });

  it('starts no task after the cutoff: the second priority is recorded as not started', async () => {
    const { expression } = atSoon(5);
    const windowId = await createWindow(expression);
    const targetId = await registerNodes(windowId, nodeIds().slice(0, 1));
    await registerShellTask(windowId, targetId, 1, 'sleep 6; echo slow');
    await registerShellTask(windowId, targetId, 2, 'echo should-not-run');
    const running = await waitFor('the first task to run', async () => {
      const [execution] = await executions(windowId);
      return execution && (await taskExecutions(execution.WindowExecutionId))[0]?.Status === 'IN_PROGRESS' ? execution : undefined;
    }, 60_000, 250);
    // A window's Duration and Cutoff are whole hours: rather than wait one out, move this
    // execution's cutoff to now, as if the hours had passed while its first task ran.
    await db.query('update maintenance_window_executions set cutoff_at = now() where id = $1', [running.WindowExecutionId]);

    const execution = await finishedExecution(windowId);
    expect(execution.Status).toBe('TIMED_OUT');
    expect(execution.StatusDetails).toBe("1 task not started: the window's cutoff passed");
    const [first, second] = await taskExecutions(execution.WindowExecutionId);
    expect(first!.Status).toBe('SUCCESS');
    expect(second!.Status).toBe('CANCELLED');
    expect(second!.StatusDetails).toMatch(/^Not started: the window's cutoff passed at /);
    expect(second!.CommandId).toBeUndefined();
    expect(await invocations(execution.WindowExecutionId, second!.TaskExecutionId)).toEqual([]);
  });

  it('cancels a running CANCEL_TASK task at the cutoff, on the node too', async () => {
    const windowId = await createWindow(atSoon(5).expression);
    const targetId = await registerNodes(windowId, nodeIds().slice(0, 2));
    await registerShellTask(windowId, targetId, 1, 'sleep 60; echo not-cancelled', { CutoffBehavior: 'CANCEL_TASK' });
    await registerShellTask(windowId, targetId, 2, 'echo should-not-run');
    const running = await waitFor('the long task to run on the nodes', async () => {
      const [execution] = await executions(windowId);
      const [first] = execution ? await taskExecutions(execution.WindowExecutionId) : [];
      const rows = first?.Status === 'IN_PROGRESS' ? await invocations(execution!.WindowExecutionId, first.TaskExecutionId) : [];
      return rows.length === 2 && rows.every((row) => row.Status === 'IN_PROGRESS') ? execution : undefined;
    }, 60_000, 250);
    await db.query('update maintenance_window_executions set cutoff_at = now() where id = $1', [running.WindowExecutionId]);

    const execution = await finishedExecution(windowId, 60_000);
    expect(execution.Status).toBe('TIMED_OUT');
    expect(execution.StatusDetails).toBe("1 task not started: the window's cutoff passed; 1 task cancelled at the cutoff");
    const [first, second] = await taskExecutions(execution.WindowExecutionId);
    expect(first!.Status).toBe('CANCELLED');
    expect(first!.StatusDetails).toMatch(/^Cancelled at the window's cutoff \(CutoffBehavior CANCEL_TASK\); Command .*: Cancelled$/);
    expect(second!.Status).toBe('CANCELLED');
    const rows = await invocations(execution.WindowExecutionId, first!.TaskExecutionId);
    expect(rows.map((row) => row.Status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(rows.some((row) => row.Output.includes('not-cancelled'))).toBe(false);
  });

  it('calls a signed webhook and runs an Automation runbook per target node', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(202).end('queued');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as { port: number }).port;
    const runbook = `Runbook-Mw-${Date.now()}`;
    await ssm.send(new CreateDocumentCommand({ Name: runbook, DocumentType: 'Automation', DocumentFormat: 'YAML', Content: "schemaVersion: '0.3'\nparameters:\n  Node: { type: String }\nmainSteps:\n  - name: pause\n    action: aws:sleep\n    inputs: { Duration: PT1S }\n" }));
    try {
      const windowId = await createWindow(atSoon(8).expression);
      const targetId = await registerNodes(windowId, nodeIds().slice(0, 3));
      const webhook = await call<{ WebhookSecret: string }>('RegisterTaskWithMaintenanceWindow', {
        WindowId: windowId,
        TaskType: 'WEBHOOK',
        TaskArn: `http://127.0.0.1:${port}/hook`,
        Targets: [{ Key: 'WindowTargetIds', Values: [targetId] }],
        Priority: 1,
        TaskInvocationParameters: { Webhook: { Payload: '{"reason":"patching"}' } },
      });
      await call('RegisterTaskWithMaintenanceWindow', {
        WindowId: windowId,
        TaskType: 'AUTOMATION',
        TaskArn: runbook,
        Targets: [{ Key: 'WindowTargetIds', Values: [targetId] }],
        Priority: 2,
        MaxConcurrency: '2',
        MaxErrors: '0',
        TaskInvocationParameters: { Automation: { Parameters: { Node: ['{{RESOURCE_ID}}'] } } },
      });

      const execution = await finishedExecution(windowId);
      expect(execution.Status, execution.StatusDetails).toBe('SUCCESS');
      const [hook, automation] = await taskExecutions(execution.WindowExecutionId);

      expect(received).toHaveLength(1);
      const { headers, body } = received[0]!;
      const { signWebhook } = await import('@/server/maintenance-windows/webhook-task');
      expect(headers['x-opsdeck-signature']).toBe(signWebhook(webhook.WebhookSecret, String(headers['x-opsdeck-timestamp']), body));
      expect(JSON.parse(body)).toMatchObject({ windowId, windowExecutionId: execution.WindowExecutionId, payload: { reason: 'patching' } });
      expect((JSON.parse(body) as { targets: unknown[] }).targets).toHaveLength(3);
      const [call0] = await invocations(execution.WindowExecutionId, hook!.TaskExecutionId);
      expect([call0!.Status, call0!.ResponseStatus, call0!.Output]).toEqual(['SUCCESS', 202, 'queued']);

      const runs = await invocations(execution.WindowExecutionId, automation!.TaskExecutionId);
      expect(runs.map((run) => run.ResourceId).sort()).toEqual(nodeIds().slice(0, 3).sort());
      for (const run of runs) {
        const { AutomationExecution } = await ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: run.ExecutionId }));
        expect([AutomationExecution!.AutomationExecutionStatus, AutomationExecution!.Parameters?.Node]).toEqual(['Success', [run.ResourceId]]);
      }
    } finally {
      receiver.close();
    }
  });

  it('does not run an occurrence twice across server crashes, and carries an execution on after one', async () => {
    const marks = path.join(scratch, 'marks');
    fs.mkdirSync(marks, { recursive: true });
    const { expression, at } = atSoon(12);
    const windowId = await createWindow(expression);
    const targetId = await registerNodes(windowId, nodeIds());
    // The first task waits for a go-file, so the second crash lands mid-task however slow the restarts are.
    await registerShellTask(windowId, targetId, 1, `echo first >> ${marks}/first; while [ ! -e ${marks}/go ]; do sleep 0.2; done`);
    await registerShellTask(windowId, targetId, 2, `echo second >> ${marks}/second; echo done`);

    // Down across the scheduled time: the occurrence fires once the server is back, still within the window.
    await server.kill();
    await new Promise((resolve) => setTimeout(resolve, Math.max(at.getTime() - Date.now(), 0) + 3_000));
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV, port: server.port, dataDir: server.dataDir });
    await fleet.online(60_000);
    const [running] = await waitFor('the late occurrence to start its first task', async () => {
      const list = await executions(windowId);
      return list.length && (await taskExecutions(list[0]!.WindowExecutionId))[0]?.Status === 'IN_PROGRESS' ? list : undefined;
    }, 60_000, 250);
    expect(new Date(running!.ScheduledTime * 1000).toISOString()).toBe(at.toISOString());

    // Down again in the middle of the first task: the execution carries on when it is back.
    await restart();
    fs.writeFileSync(path.join(marks, 'go'), '');
    const execution = await finishedExecution(windowId, 120_000);
    expect(execution.Status, execution.StatusDetails).toBe('SUCCESS');
    expect(await executions(windowId)).toHaveLength(1);
    expect(fs.readFileSync(path.join(marks, 'first'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(fs.readFileSync(path.join(marks, 'second'), 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('records an occurrence missed while the server was down past the cutoff, and does not run it', async () => {
    const { expression, at } = atSoon(6);
    const windowId = await createWindow(expression, { Duration: 1, Cutoff: 0 });
    const targetId = await registerNodes(windowId, nodeIds().slice(0, 1));
    await registerShellTask(windowId, targetId, 1, 'echo must-not-run');
    await server.kill();
    await new Promise((resolve) => setTimeout(resolve, Math.max(at.getTime() - Date.now(), 0) + 1_000));
    // As if the server had been down two hours across the occurrence: a one-hour window long closed.
    await db.query("update schedule_states set next_at = next_at - interval '2 hours' where kind = 'maintenance-window' and entity_id = $1", [windowId]);
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV, port: server.port, dataDir: server.dataDir });
    const execution = await finishedExecution(windowId);
    expect(execution.Status).toBe('SKIPPED');
    expect(execution.StatusDetails).toMatch(/^Missed: no Opsdeck server was running at .* had passed its cutoff/);
    expect(await taskExecutions(execution.WindowExecutionId)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await executions(windowId)).toHaveLength(1);
  });

  it('does not run while a change calendar it names is CLOSED, and says why in the history', async () => {
    const admin = await ConsoleClient.signIn(server.url);
    const created = await admin.request('POST', '/api/change-calendar', { name: 'mw-freeze', calendarType: 'DEFAULT_CLOSED', description: 'no changes' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const unknown = await signedSsmCall(server.url, 'CreateMaintenanceWindow', { Name: 'guarded', Schedule: 'rate(1 day)', Duration: 2, Cutoff: 1, AllowUnassociatedTargets: false, CalendarNames: ['no-such-calendar'] });
    expect(unknown.status).toBe(400);

    const windowId = await createWindow(atSoon(5).expression, { CalendarNames: ['mw-freeze'] });
    const targetId = await registerNodes(windowId, nodeIds().slice(0, 1));
    await registerShellTask(windowId, targetId, 1, 'echo must-not-run');
    const execution = await finishedExecution(windowId);
    expect(execution.Status).toBe('SKIPPED');
    expect(execution.StatusDetails).toMatch(/^Not run: change calendar mw-freeze is CLOSED/);
    expect(await taskExecutions(execution.WindowExecutionId)).toEqual([]);
  });

  it('works from the real AWS CLI: create, describe, schedule, register, disable, deregister, delete', async () => {
    const cli = async (...args: string[]) => {
      const result = await awsCli(server.url, args);
      expect(result.code, result.stderr).toBe(0);
      return result.json as Json;
    };
    const { WindowId: windowId } = (await cli('create-maintenance-window', '--name', 'cli-window', '--schedule', 'cron(0 2 ? * SUN *)', '--schedule-timezone', 'Europe/Berlin', '--duration', '3', '--cutoff', '1', '--no-allow-unassociated-targets')) as { WindowId: string };
    expect(windowId).toMatch(/^mw-[0-9a-f]{17}$/);
    const window = await cli('get-maintenance-window', '--window-id', windowId);
    expect(window).toMatchObject({ WindowId: windowId, Name: 'cli-window', Schedule: 'cron(0 2 ? * SUN *)', ScheduleTimezone: 'Europe/Berlin', Duration: 3, Cutoff: 1, Enabled: true });
    expect(String(window.NextExecutionTime)).toMatch(/T02:00:00\+0[12]:00$/);
    const listed = (await cli('describe-maintenance-windows', '--filters', 'Key=Name,Values=cli-window')) as { WindowIdentities: Json[] };
    expect(listed.WindowIdentities.map((identity) => identity.WindowId)).toEqual([windowId]);
    const schedule = (await cli('describe-maintenance-window-schedule', '--window-id', windowId, '--max-results', '10')) as { ScheduledWindowExecutions: { ExecutionTime: string }[] };
    expect(schedule.ScheduledWindowExecutions.length).toBeGreaterThanOrEqual(5);
    expect(schedule.ScheduledWindowExecutions.every((entry) => /T02:00:00\+0[12]:00$/.test(entry.ExecutionTime))).toBe(true);

    const { WindowTargetId: targetId } = (await cli('register-target-with-maintenance-window', '--window-id', windowId, '--resource-type', 'INSTANCE', '--targets', `Key=InstanceIds,Values=${nodeIds()[0]}`, '--owner-information', 'ops')) as { WindowTargetId: string };
    const { WindowTaskId: taskId } = (await cli(
      'register-task-with-maintenance-window', '--window-id', windowId, '--task-type', 'RUN_COMMAND', '--task-arn', 'AWS-RunShellScript',
      '--targets', `Key=WindowTargetIds,Values=${targetId}`, '--priority', '1', '--max-concurrency', '1', '--max-errors', '0',
      '--task-invocation-parameters', '{"RunCommand":{"Parameters":{"commands":["echo hi"]}}}',
    )) as { WindowTaskId: string };
    const targets = (await cli('describe-maintenance-window-targets', '--window-id', windowId)) as { Targets: Json[] };
    expect(targets.Targets).toMatchObject([{ WindowTargetId: targetId, ResourceType: 'INSTANCE', OwnerInformation: 'ops' }]);
    const tasks = (await cli('describe-maintenance-window-tasks', '--window-id', windowId)) as { Tasks: Json[] };
    expect(tasks.Tasks).toMatchObject([{ WindowTaskId: taskId, TaskArn: 'AWS-RunShellScript', Type: 'RUN_COMMAND', Priority: 1, MaxConcurrency: '1' }]);
    const task = await cli('get-maintenance-window-task', '--window-id', windowId, '--window-task-id', taskId);
    expect(task).toMatchObject({ TaskType: 'RUN_COMMAND', TaskInvocationParameters: { RunCommand: { Parameters: { commands: ['echo hi'] } } } });

    const inUse = await awsCli(server.url, ['deregister-target-from-maintenance-window', '--window-id', windowId, '--window-target-id', targetId, '--safe']);
    expect(inUse.stderr).toContain('TargetInUseException');
    expect(await cli('update-maintenance-window', '--window-id', windowId, '--no-enabled')).toMatchObject({ Enabled: false });
    expect(((await cli('describe-maintenance-window-schedule', '--window-id', windowId)) as { ScheduledWindowExecutions: unknown[] }).ScheduledWindowExecutions).toEqual([]);
    await cli('deregister-task-from-maintenance-window', '--window-id', windowId, '--window-task-id', taskId);
    await cli('deregister-target-from-maintenance-window', '--window-id', windowId, '--window-target-id', targetId, '--safe');
    expect(await cli('delete-maintenance-window', '--window-id', windowId)).toEqual({ WindowId: windowId });
    const gone = await awsCli(server.url, ['get-maintenance-window', '--window-id', windowId]);
    expect(gone.stderr).toContain('DoesNotExistException');
  });

  it('refuses bad input with AWS error names and reasons in words', async () => {
    const refusal = async (operation: string, body: Json) => {
      const response = await signedSsmCall(server.url, operation, body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      return response.body as { __type: string; message: string };
    };
    const base = { Name: 'bad-window', Schedule: 'rate(1 day)', Duration: 2, Cutoff: 1, AllowUnassociatedTargets: false };
    expect(await refusal('CreateMaintenanceWindow', { ...base, Cutoff: 2 })).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining('Cutoff (2 h) must be less than Duration (2 h)') });
    expect(await refusal('CreateMaintenanceWindow', { ...base, Duration: 25 })).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining('Duration is 1 to 24 hours') });
    expect(await refusal('CreateMaintenanceWindow', { ...base, Schedule: 'cron(0 2 * * * *)' })).toMatchObject({ __type: 'ValidationException' });
    expect(await refusal('CreateMaintenanceWindow', { ...base, ScheduleTimezone: 'Mars/Olympus' })).toMatchObject({ message: expect.stringContaining("'Mars/Olympus' is not an IANA time zone") });
    expect(await refusal('CreateMaintenanceWindow', { ...base, Name: 'no spaces allowed' })).toMatchObject({ __type: 'ValidationException' });
    expect(await refusal('GetMaintenanceWindow', { WindowId: 'mw-00000000000000000' })).toMatchObject({ __type: 'DoesNotExistException', message: 'Maintenance window mw-00000000000000000 does not exist' });
    expect(await refusal('GetMaintenanceWindow', { WindowId: 'not-a-window' })).toMatchObject({ __type: 'DoesNotExistException' });

    const windowId = await createWindow('rate(1 day)');
    const task = { WindowId: windowId, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{ Key: 'WindowTargetIds', Values: ['8a1f0b7e-0000-4000-8000-000000000000'] }] };
    expect(await refusal('RegisterTaskWithMaintenanceWindow', task)).toMatchObject({ __type: 'DoesNotExistException' });
    expect(await refusal('RegisterTaskWithMaintenanceWindow', { ...task, Targets: [{ Key: 'InstanceIds', Values: [nodeIds()[0]] }] })).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining('does not allow unregistered targets') });
    expect(await refusal('RegisterTaskWithMaintenanceWindow', { ...task, TaskType: 'LAMBDA', TaskArn: 'arn:aws:lambda:us-east-1:1:function:x' })).toMatchObject({ __type: 'FeatureNotAvailableException' });
    expect(await refusal('RegisterTaskWithMaintenanceWindow', { ...task, TaskType: 'WEBHOOK', TaskArn: 'ftp://example.com', Targets: undefined })).toMatchObject({ message: expect.stringContaining('http(s) URL') });
    const targetId = await registerNodes(windowId, nodeIds().slice(0, 1));
    expect(await refusal('RegisterTaskWithMaintenanceWindow', { ...task, TaskType: 'AUTOMATION', Targets: [{ Key: 'WindowTargetIds', Values: [targetId] }] })).toMatchObject({ __type: 'InvalidDocument' });
    expect(await refusal('RegisterTargetWithMaintenanceWindow', { WindowId: windowId, ResourceType: 'RESOURCE_GROUP', Targets: [{ Key: 'InstanceIds', Values: [nodeIds()[0]] }] })).toMatchObject({ message: expect.stringContaining('resource-groups:Name') });
    expect(await refusal('RegisterTargetWithMaintenanceWindow', { WindowId: windowId, ResourceType: 'INSTANCE', Targets: [{ Key: 'InstanceIds', Values: ['mi-00000000000000000'] }] })).toMatchObject({ __type: 'InvalidInstanceId' });
    expect(await refusal('DescribeMaintenanceWindows', { Filters: [{ Key: 'Color', Values: ['blue'] }] })).toMatchObject({ message: expect.stringContaining("unknown filter key 'Color'") });
  });

  it('authorises on the window: a user allowed one window is refused another', async () => {
    const admin = await ConsoleClient.signIn(server.url);
    const mine = await createWindow('rate(1 day)');
    const other = await createWindow('rate(1 day)');
    const arn = `arn:opsdeck:ssm:us-east-1:*:maintenancewindow/${mine}`;
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:*MaintenanceWindow*', Resource: arn }] };
    expect((await admin.request('POST', '/api/iam/users', { username: 'mw-operator', password: 'operator-password-123' })).status).toBe(200);
    expect((await admin.request('POST', '/api/iam/policies', { name: 'OneWindow', document: JSON.stringify(policy) })).status).toBe(200);
    expect((await admin.request('POST', '/api/iam/attachments', { policyName: 'OneWindow', principalType: 'user', principalName: 'mw-operator' })).status).toBe(200);
    const { body: key } = await admin.request<{ accessKeyId: string; secretAccessKey: string }>('POST', '/api/iam/users/mw-operator/access-keys');
    const credentials: AwsCredentials = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    expect((await signedSsmCall(server.url, 'GetMaintenanceWindow', { WindowId: mine }, { credentials })).status).toBe(200);
    const refused = await signedSsmCall(server.url, 'DeleteMaintenanceWindow', { WindowId: other }, { credentials });
    expect(refused.body).toMatchObject({ __type: 'AccessDeniedException', message: expect.stringContaining(`maintenancewindow/${other}`) });
    expect((await signedSsmCall(server.url, 'GetMaintenanceWindow', { WindowId: other })).status).toBe(200);
  });
});
