import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AddTagsToResourceCommand, CreateDocumentCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { startFleet, type Fleet } from '../../bench/fleet/simulator';
import { awsCli, BOOTSTRAP_ENV, signedSsmCall, ssmClient } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

interface Execution {
  ExecutionId: string;
  Status: string;
  DetailedStatus: string;
  Trigger: string;
  Reason?: string;
  CreatedTime: number;
}
interface Target {
  ResourceId: string;
  Status: string;
  Output: string;
}

const BASELINE_DOCUMENT = JSON.stringify({
  schemaVersion: '2.2',
  description: 'Keeps a file with the given content',
  parameters: { Path: { type: 'String', default: '/etc/opsdeck-baseline' }, Content: { type: 'String' } },
  mainSteps: [
    {
      action: 'aws:runShellScript',
      name: 'ensureFile',
      inputs: {
        runCommand: [
          'want="{{ Content }}"',
          'if [ ! -f "{{ Path }}" ]; then printf "%s\\n" "$want" > "{{ Path }}"; echo "created {{ Path }}";',
          'elif [ "$(cat "{{ Path }}")" != "$want" ]; then printf "%s\\n" "$want" > "{{ Path }}"; echo "restored {{ Path }} after drift";',
          'else echo "{{ Path }} already in place"; fi',
        ],
      },
    },
  ],
});

describe('State Manager with real agents', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let ssm: SSMClient;
  let fleet: Fleet;
  let lateFleet: Fleet | undefined;
  let databaseUrl: string;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-state-manager-'));
  const baseline = path.join(scratch, 'opsdeck-baseline');

  async function call<T = Record<string, unknown>>(operation: string, body: unknown): Promise<T> {
    const { status, body: response } = await signedSsmCall(server.url, operation, body);
    if (status !== 200) throw new Error(`${operation}: ${status} ${JSON.stringify(response)}`);
    return response as T;
  }

  const executions = async (associationId: string) => (await call<{ AssociationExecutions: Execution[] }>('DescribeAssociationExecutions', { AssociationId: associationId })).AssociationExecutions;
  const targets = async (associationId: string, executionId: string) =>
    (await call<{ AssociationExecutionTargets: Target[] }>('DescribeAssociationExecutionTargets', { AssociationId: associationId, ExecutionId: executionId })).AssociationExecutionTargets;

  async function finishedRun(associationId: string, where: (execution: Execution) => boolean, timeoutMs = 30_000): Promise<Execution> {
    return waitFor(`a finished run of ${associationId}`, async () => (await executions(associationId)).find((execution) => where(execution) && ['Success', 'Failed', 'Skipped'].includes(execution.Status)), timeoutMs);
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'state_manager');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    admin = await ConsoleClient.signIn(server.url);
    ssm = ssmClient(server.url);
    const activation = await admin.createActivation({ registrationLimit: 10 });
    fleet = await startFleet({ serverUrl: server.url, ...activation, count: 3, namePrefix: 'web', tags: { Role: 'web' }, stateRoot: path.join(scratch, 'fleet') });
    await fleet.online();
    await ssm.send(new CreateDocumentCommand({ Name: 'Baseline-File', Content: BASELINE_DOCUMENT, DocumentType: 'Command', DocumentFormat: 'JSON' }));
  }, 120_000);

  afterAll(async () => {
    await lateFleet?.stop();
    await fleet?.stop();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('applies an association to its 3 nodes at once, to a 4th that registers later and to a node whose tags come to match', async () => {
    const created = await call<{ AssociationDescription: { AssociationId: string; AssociationVersion: string } }>('CreateAssociation', {
      Name: 'AWS-RunShellScript',
      AssociationName: 'web-baseline',
      Targets: [{ Key: 'tag:Role', Values: ['web'] }],
      Parameters: { commands: ['echo applied on $(hostname)'] },
      ScheduleExpression: 'rate(1 minute)',
      ComplianceSeverity: 'HIGH',
    });
    const id = created.AssociationDescription.AssociationId;
    const first = await finishedRun(id, (execution) => execution.Trigger === 'Create');
    expect(first.Status).toBe('Success');
    expect((await targets(id, first.ExecutionId)).map((target) => target.ResourceId).sort()).toEqual(fleet.nodes.map((node) => node.nodeId).sort());

    const activation = await admin.createActivation({ registrationLimit: 2 });
    lateFleet = await startFleet({ serverUrl: server.url, ...activation, count: 2, namePrefix: 'late', tags: { Role: 'db' }, stateRoot: path.join(scratch, 'late') });
    await lateFleet.online();
    // The db nodes do not match; one of them is retagged web and gets the association at once.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await executions(id)).filter((execution) => execution.Trigger === 'NewTarget')).toHaveLength(0);
    const retagged = lateFleet.nodes[0]!.nodeId;
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: retagged, Tags: [{ Key: 'Role', Value: 'web' }] }));
    const onRetagged = await finishedRun(id, (execution) => execution.Trigger === 'NewTarget');
    expect(onRetagged.Status).toBe('Success');
    expect((await targets(id, onRetagged.ExecutionId)).map((target) => target.ResourceId)).toEqual([retagged]);

    const description = await call<{ AssociationDescription: { Overview: { AssociationStatusAggregatedCount: Record<string, number> } } }>('DescribeAssociation', { AssociationId: id });
    expect(description.AssociationDescription.Overview.AssociationStatusAggregatedCount).toEqual({ Success: 4 });
  });

  it('registers a new node into an association that targets it', async () => {
    const activation = await admin.createActivation({ registrationLimit: 1 });
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'AWS-RunShellScript',
      Targets: [{ Key: 'tag:Role', Values: ['cache'] }],
      Parameters: { commands: ['echo cache ready'] },
    });
    const id = created.AssociationDescription.AssociationId;
    const empty = await finishedRun(id, (execution) => execution.Trigger === 'Create');
    expect(empty.Status).toBe('Success');
    expect(await targets(id, empty.ExecutionId)).toEqual([]);
    const cache = await startFleet({ serverUrl: server.url, ...activation, count: 1, namePrefix: 'cache', tags: { Role: 'cache' }, stateRoot: path.join(scratch, 'cache') });
    try {
      await cache.online();
      const run = await finishedRun(id, (execution) => execution.Trigger === 'NewTarget');
      expect(run.Status).toBe('Success');
      const [target] = await targets(id, run.ExecutionId);
      expect(target!.ResourceId).toBe(cache.nodes[0]!.nodeId);
      expect(target!.Output.trim()).toBe('cache ready');
    } finally {
      await cache.stop();
    }
  });

  it('restores drift: the next run puts the file back and the history shows the fix', async () => {
    const node = fleet.nodes[0]!.nodeId;
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'Baseline-File',
      Targets: [{ Key: 'InstanceIds', Values: [node] }],
      Parameters: { Path: [baseline], Content: ['managed by opsdeck'] },
      ScheduleExpression: 'rate(1 day)',
    });
    const id = created.AssociationDescription.AssociationId;
    const first = await finishedRun(id, (execution) => execution.Trigger === 'Create');
    expect(first.Status).toBe('Success');
    expect(fs.readFileSync(baseline, 'utf8')).toBe('managed by opsdeck\n');

    fs.writeFileSync(baseline, 'edited by hand\n');
    const started = await awsCli(server.url, ['start-associations-once', '--association-ids', id]);
    expect(started.code, started.stderr).toBe(0);
    const fix = await finishedRun(id, (execution) => execution.Trigger === 'Manual');
    expect(fix.Status).toBe('Success');
    expect(fs.readFileSync(baseline, 'utf8')).toBe('managed by opsdeck\n');
    expect((await targets(id, fix.ExecutionId))[0]!.Output).toContain('restored');
    expect((await targets(id, first.ExecutionId))[0]!.Output).toContain('created');

    const history = await awsCli(server.url, ['describe-association-executions', '--association-id', id]);
    expect((history.json as { AssociationExecutions: { Status: string }[] }).AssociationExecutions.map((execution) => execution.Status)).toEqual(['Success', 'Success']);
  });

  it('answers the AWS CLI: versions, updates, listing and deletion', async () => {
    const created = await awsCli(server.url, ['create-association', '--name', 'AWS-RunShellScript', '--association-name', 'cli-made', '--targets', 'Key=tag:Role,Values=web', '--parameters', 'commands=uptime', '--schedule-expression', 'cron(0 2 ? * SUN *)', '--apply-only-at-cron-interval']);
    expect(created.code, created.stderr).toBe(0);
    const id = (created.json as { AssociationDescription: { AssociationId: string } }).AssociationDescription.AssociationId;
    // ApplyOnlyAtCronInterval: nothing runs before Sunday 02:00.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await executions(id)).toEqual([]);
    const updated = await awsCli(server.url, ['update-association', '--association-id', id, '--schedule-expression', 'cron(30 3 ? * MON *)', '--association-version', '1']);
    expect(updated.code, updated.stderr).toBe(0);
    expect((updated.json as { AssociationDescription: { AssociationVersion: string } }).AssociationDescription.AssociationVersion).toBe('2');
    const stale = await awsCli(server.url, ['update-association', '--association-id', id, '--max-errors', '1', '--association-version', '1']);
    expect(stale.stderr).toContain('InvalidAssociationVersion');
    const versions = await awsCli(server.url, ['list-association-versions', '--association-id', id]);
    expect((versions.json as { AssociationVersions: { AssociationVersion: string; ScheduleExpression: string }[] }).AssociationVersions.map((version) => [version.AssociationVersion, version.ScheduleExpression])).toEqual([
      ['2', 'cron(30 3 ? * MON *)'],
      ['1', 'cron(0 2 ? * SUN *)'],
    ]);
    const listed = await awsCli(server.url, ['list-associations', '--association-filter-list', 'key=AssociationName,value=cli-made']);
    expect((listed.json as { Associations: { AssociationId: string }[] }).Associations.map((association) => association.AssociationId)).toEqual([id]);
    expect((await awsCli(server.url, ['delete-association', '--association-id', id])).code).toBe(0);
    expect((await awsCli(server.url, ['describe-association', '--association-id', id])).stderr).toContain('AssociationDoesNotExist');
  });

  it('refuses bad associations with AWS error names and stores nothing', async () => {
    const before = (await call<{ Associations: unknown[] }>('ListAssociations', {})).Associations.length;
    const attempt = (body: Record<string, unknown>) => signedSsmCall(server.url, 'CreateAssociation', { Name: 'AWS-RunShellScript', Targets: [{ Key: 'tag:Role', Values: ['web'] }], Parameters: { commands: ['true'] }, ...body });
    const badSchedule = await attempt({ ScheduleExpression: 'cron(0 2 * * SUN)' });
    expect(badSchedule.body.__type).toBe('ValidationException');
    expect(badSchedule.body.message).toContain('6 fields');
    expect((await attempt({ Name: 'No-Such-Document' })).body.__type).toBe('InvalidDocument');
    expect((await attempt({ Name: 'AWS-StartInteractiveCommand' })).body.__type).toBe('InvalidDocument');
    expect((await attempt({ Parameters: { nope: ['x'] } })).body.__type).toBe('InvalidParameters');
    expect((await attempt({ Targets: [{ Key: 'InstanceIds', Values: ['mi-00000000000000000'] }] })).body.__type).toBe('InvalidInstanceId');
    const once = await attempt({ ScheduleExpression: 'at(2030-01-01T00:00:00)' });
    expect(once.body.__type).toBe('ValidationException');
    expect(once.body.message).toContain('cron(...) or rate(...)');
    expect((await call<{ Associations: unknown[] }>('ListAssociations', {})).Associations.length).toBe(before);
    const malformed = await signedSsmCall(server.url, 'DescribeAssociation', { AssociationId: 'not-an-id' });
    expect([malformed.status, malformed.body.__type]).toEqual([400, 'AssociationDoesNotExist']);
  });

  it('skips a run while a change calendar is CLOSED, says why, and runbooks can check the same calendar', async () => {
    expect((await admin.request('POST', '/api/change-calendar', { name: 'freeze-all', calendarType: 'DEFAULT_CLOSED' })).status).toBe(200);
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'AWS-RunShellScript',
      Targets: [{ Key: 'tag:Role', Values: ['web'] }],
      Parameters: { commands: ['echo should not run'] },
      CalendarNames: ['freeze-all'],
    });
    const id = created.AssociationDescription.AssociationId;
    const skipped = await finishedRun(id, (execution) => execution.Trigger === 'Create');
    expect(skipped.Status).toBe('Skipped');
    expect(skipped.Reason).toContain('change calendar freeze-all is CLOSED');
    expect(await targets(id, skipped.ExecutionId)).toEqual([]);

    await ssm.send(
      new CreateDocumentCommand({
        Name: 'Check-Freeze',
        DocumentType: 'Automation',
        DocumentFormat: 'YAML',
        Content: `
schemaVersion: '0.3'
mainSteps:
  - name: calendarOpen
    action: aws:assertAwsResourceProperty
    inputs: { Service: ssm, Api: GetCalendarState, CalendarNames: [freeze-all], PropertySelector: $.State, DesiredValues: [OPEN] }
`,
      }),
    );
    const started = await call<{ AutomationExecutionId: string }>('StartAutomationExecution', { DocumentName: 'Check-Freeze' });
    const execution = await waitFor('the calendar check to end', async () => {
      const { AutomationExecution } = await call<{ AutomationExecution: { AutomationExecutionStatus: string; FailureMessage?: string } }>('GetAutomationExecution', { AutomationExecutionId: started.AutomationExecutionId });
      return ['Success', 'Failed'].includes(AutomationExecution.AutomationExecutionStatus) ? AutomationExecution : undefined;
    }, 30_000);
    expect(execution.AutomationExecutionStatus).toBe('Failed');
    expect(execution.FailureMessage).toContain("$.State is 'CLOSED'; expected 'OPEN'");
  });

  it('runs on schedule and, after a server was down across an occurrence, runs it once', async () => {
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'AWS-RunShellScript',
      Targets: [{ Key: 'InstanceIds', Values: [fleet.nodes[1]!.nodeId] }],
      Parameters: { commands: ['echo tick'] },
      ScheduleExpression: 'rate(1 minute)',
    });
    const id = created.AssociationDescription.AssociationId;
    const createdAt = Date.now();
    await finishedRun(id, (execution) => execution.Trigger === 'Create');
    await server.kill();
    // The first occurrence (a minute after creation) passes while no server runs.
    await new Promise((resolve) => setTimeout(resolve, Math.max(createdAt + 66_000 - Date.now(), 0)));
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV, port: server.port, dataDir: server.dataDir });
    ssm = ssmClient(server.url);
    await fleet.online();
    const missed = await finishedRun(id, (execution) => execution.Trigger === 'Schedule', 30_000);
    expect(missed.Status).toBe('Success');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const scheduled = (await executions(id)).filter((execution) => execution.Trigger === 'Schedule');
    expect(scheduled).toHaveLength(1);
  }, 150_000);
});
