import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateDocumentCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { startFleet, type Fleet } from '../../bench/fleet/simulator';
import { awsCli, BOOTSTRAP_ENV, signedSsmCall, ssmClient } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

interface Item {
  ComplianceType: string;
  ResourceId: string;
  Id: string;
  Title: string;
  Status: string;
  Severity: string;
  Details: Record<string, string>;
  ExecutionSummary: { ExecutionTime: number; ExecutionId?: string; ExecutionType?: string };
}
interface ResourceSummary {
  ComplianceType: string;
  ResourceId: string;
  Status: string;
  OverallSeverity: string;
  CompliantSummary: { CompliantCount: number };
  NonCompliantSummary: { NonCompliantCount: number; SeveritySummary: Record<string, number> };
}
interface TypeSummary {
  ComplianceType: string;
  CompliantSummary: { CompliantCount: number; SeveritySummary: Record<string, number> };
  NonCompliantSummary: { NonCompliantCount: number; SeveritySummary: Record<string, number> };
}
interface Execution {
  ExecutionId: string;
  Status: string;
  Trigger: string;
}

const RUNBOOK = `
schemaVersion: '0.3'
parameters:
  InstanceId: { type: String }
  Marker: { type: String }
mainSteps:
  - name: check
    action: aws:runCommand
    inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ InstanceId }}'], Parameters: { commands: ['test -f {{ Marker }}'] } }
`;

describe('Compliance with real agents', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let ssm: SSMClient;
  let fleet: Fleet;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-compliance-'));
  const marker = path.join(scratch, 'configured');

  async function call<T = Record<string, unknown>>(operation: string, body: unknown): Promise<T> {
    const { status, body: response } = await signedSsmCall(server.url, operation, body);
    if (status !== 200) throw new Error(`${operation}: ${status} ${JSON.stringify(response)}`);
    return response as T;
  }
  const items = async (resourceId: string, filters: unknown[] = []) => (await call<{ ComplianceItems: Item[] }>('ListComplianceItems', { ResourceIds: [resourceId], Filters: filters })).ComplianceItems;
  const resourceSummaries = async (filters: unknown[]) => (await call<{ ResourceComplianceSummaryItems: ResourceSummary[] }>('ListResourceComplianceSummaries', { Filters: filters })).ResourceComplianceSummaryItems;
  const typeSummary = async (type: string) => (await call<{ ComplianceSummaryItems: TypeSummary[] }>('ListComplianceSummaries', {})).ComplianceSummaryItems.find((item) => item.ComplianceType === type);
  const executions = async (associationId: string) => (await call<{ AssociationExecutions: Execution[] }>('DescribeAssociationExecutions', { AssociationId: associationId })).AssociationExecutions;
  const finishedRun = (associationId: string, where: (execution: Execution) => boolean) =>
    waitFor(`a finished run of ${associationId}`, async () => (await executions(associationId)).find((execution) => where(execution) && ['Success', 'Failed'].includes(execution.Status)), 60_000);
  const associationItem = async (nodeId: string, associationId: string) => (await items(nodeId, [{ Key: 'ComplianceType', Values: ['Association'] }])).find((item) => item.Id === associationId);
  const put = (body: Record<string, unknown>) =>
    signedSsmCall(server.url, 'PutComplianceItems', { ResourceType: 'ManagedInstance', ExecutionSummary: { ExecutionTime: Date.now() / 1000 }, ...body });

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase(inject('postgresUrl'), 'compliance');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    admin = await ConsoleClient.signIn(server.url);
    ssm = ssmClient(server.url);
    const activation = await admin.createActivation({ registrationLimit: 5 });
    fleet = await startFleet({ serverUrl: server.url, ...activation, count: 2, namePrefix: 'cmp', tags: { Role: 'cmp' }, stateRoot: path.join(scratch, 'fleet') });
    await fleet.online();
    await ssm.send(new CreateDocumentCommand({ Name: 'Cmp-Check-Marker', Content: RUNBOOK, DocumentType: 'Automation', DocumentFormat: 'YAML' }));
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('reports an association that fails on a node as NON_COMPLIANT at its severity, COMPLIANT once fixed, and forgets it when deleted', async () => {
    const node = fleet.nodes[0]!.nodeId;
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'AWS-RunShellScript',
      AssociationName: 'cmp-marker',
      Targets: [{ Key: 'InstanceIds', Values: [node] }],
      Parameters: { commands: [`test -f ${marker}`] },
      ComplianceSeverity: 'HIGH',
    });
    const id = created.AssociationDescription.AssociationId;
    const failed = await finishedRun(id, (execution) => execution.Trigger === 'Create');
    expect(failed.Status).toBe('Failed');

    const item = await associationItem(node, id);
    expect(item).toMatchObject({ Title: 'cmp-marker', Status: 'NON_COMPLIANT', Severity: 'HIGH', Details: { DocumentName: 'AWS-RunShellScript', DocumentVersion: '1' } });
    expect(item!.ExecutionSummary).toMatchObject({ ExecutionId: failed.ExecutionId, ExecutionType: 'Command' });
    expect(typeof item!.ExecutionSummary.ExecutionTime).toBe('number');
    const [summary] = await resourceSummaries([{ Key: 'ComplianceType', Values: ['Association'] }, { Key: 'InstanceId', Values: [node] }]);
    expect(summary).toMatchObject({ ResourceId: node, Status: 'NON_COMPLIANT', OverallSeverity: 'HIGH', NonCompliantSummary: { NonCompliantCount: 1, SeveritySummary: { HighCount: 1 } } });
    expect((await typeSummary('Association'))!.NonCompliantSummary.SeveritySummary.HighCount).toBe(1);

    // The real AWS CLI reads the same answer (timestamps as numbers it can parse).
    const cli = await awsCli(server.url, ['list-resource-compliance-summaries', '--filters', 'Key=ComplianceType,Values=Association,Type=EQUAL']);
    expect(cli.code, cli.stderr).toBe(0);
    expect((cli.json as { ResourceComplianceSummaryItems: ResourceSummary[] }).ResourceComplianceSummaryItems.map((entry) => [entry.ResourceId, entry.Status])).toContainEqual([node, 'NON_COMPLIANT']);

    fs.writeFileSync(marker, 'ok\n');
    expect((await awsCli(server.url, ['start-associations-once', '--association-ids', id])).code).toBe(0);
    const fixed = await finishedRun(id, (execution) => execution.Trigger === 'Manual');
    expect(fixed.Status).toBe('Success');
    expect(await associationItem(node, id)).toMatchObject({ Status: 'COMPLIANT', ExecutionSummary: { ExecutionId: fixed.ExecutionId } });
    const [after] = await resourceSummaries([{ Key: 'ComplianceType', Values: ['Association'] }, { Key: 'ResourceId', Values: [node] }]);
    expect(after).toMatchObject({ Status: 'COMPLIANT', CompliantSummary: { CompliantCount: 1 } });

    await call('DeleteAssociation', { AssociationId: id });
    expect(await associationItem(node, id)).toBeUndefined();
    fs.rmSync(marker, { force: true });
  });

  it('remediates: runs the failed association again on the node where it failed, which makes it compliant', async () => {
    const [first, second] = fleet.nodes.map((entry) => entry.nodeId) as [string, string];
    fs.rmSync(marker, { force: true });
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'AWS-RunShellScript',
      Targets: [{ Key: 'tag:Role', Values: ['cmp'] }],
      // Fails on both nodes until the marker exists.
      Parameters: { commands: [`test -f ${marker}`] },
      ComplianceSeverity: 'CRITICAL',
    });
    const id = created.AssociationDescription.AssociationId;
    await finishedRun(id, (execution) => execution.Trigger === 'Create');
    expect((await associationItem(first, id))!.Status).toBe('NON_COMPLIANT');
    expect((await associationItem(second, id))!.Status).toBe('NON_COMPLIANT');

    const nothing = await admin.request<{ __type: string; message: string }>('POST', '/api/compliance/remediate', { action: 'PatchNow', nodeIds: [first], operation: 'Scan' });
    expect([nothing.status, nothing.body.__type]).toEqual([400, 'ValidationException']);
    expect(nothing.body.message).toContain('non-compliant for Patch');

    fs.writeFileSync(marker, 'ok\n');
    const remediated = await admin.request<{ nodeIds: string[]; started: { kind: string; associationId: string; executionId: string; nodeIds: string[] }[] }>('POST', '/api/compliance/remediate', { action: 'RunAssociation', nodeIds: [first] });
    expect(remediated.status, JSON.stringify(remediated.body)).toBe(200);
    expect(remediated.body.started).toEqual([{ kind: 'association', associationId: id, associationName: 'AWS-RunShellScript', executionId: expect.any(String), nodeIds: [first] }]);
    const run = await finishedRun(id, (execution) => execution.ExecutionId === remediated.body.started[0]!.executionId);
    expect(run.Status).toBe('Success');
    expect((await associationItem(first, id))!.Status).toBe('COMPLIANT');
    // Only the chosen node ran again.
    expect((await associationItem(second, id))!.Status).toBe('NON_COMPLIANT');

    await call('DeleteAssociation', { AssociationId: id });
    fs.rmSync(marker, { force: true });
  });

  it('reports an Automation association per target node, and starts a chosen runbook over non-compliant nodes', async () => {
    const node = fleet.nodes[1]!.nodeId;
    fs.rmSync(marker, { force: true });
    const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
      Name: 'Cmp-Check-Marker',
      Targets: [{ Key: 'InstanceIds', Values: [node] }],
      AutomationTargetParameterName: 'InstanceId',
      Parameters: { Marker: [marker] },
      ComplianceSeverity: 'MEDIUM',
    });
    const id = created.AssociationDescription.AssociationId;
    expect((await finishedRun(id, (execution) => execution.Trigger === 'Create')).Status).toBe('Failed');
    expect(await associationItem(node, id)).toMatchObject({ Status: 'NON_COMPLIANT', Severity: 'MEDIUM', Details: { DocumentName: 'Cmp-Check-Marker' } });

    fs.writeFileSync(marker, 'ok\n');
    const remediated = await admin.request<{ started: { kind: string; executionId: string; nodeIds: string[] }[] }>('POST', '/api/compliance/remediate', {
      action: 'StartRunbook',
      complianceType: 'Association',
      overallSeverity: 'MEDIUM',
      documentName: 'Cmp-Check-Marker',
      targetParameterName: 'InstanceId',
      parameters: { Marker: [marker] },
    });
    expect(remediated.status, JSON.stringify(remediated.body)).toBe(200);
    expect(remediated.body.started).toEqual([{ kind: 'automation', executionId: expect.any(String), nodeIds: [node] }]);
    const execution = await waitFor('the runbook to end', async () => {
      const { AutomationExecution } = await call<{ AutomationExecution: { AutomationExecutionStatus: string } }>('GetAutomationExecution', { AutomationExecutionId: remediated.body.started[0]!.executionId });
      return ['Success', 'Failed'].includes(AutomationExecution.AutomationExecutionStatus) ? AutomationExecution : undefined;
    }, 60_000);
    expect(execution.AutomationExecutionStatus).toBe('Success');
    await call('DeleteAssociation', { AssociationId: id });
    fs.rmSync(marker, { force: true });
  });

  it('stores custom compliance: COMPLETE replaces the type, PARTIAL adds to it, filters pick items and summaries', async () => {
    const node = fleet.nodes[1]!.nodeId;
    const first = await put({
      ResourceId: node,
      ComplianceType: 'Custom:Backups',
      ExecutionSummary: { ExecutionTime: Date.now() / 1000, ExecutionId: 'backup-scan-1', ExecutionType: 'Custom' },
      Items: [
        { Id: 'db-nightly', Title: 'Nightly database dump', Severity: 'CRITICAL', Status: 'NON_COMPLIANT', Details: { LastRun: '2026-11-30' } },
        { Id: 'etc-weekly', Title: '/etc archive', Severity: 'LOW', Status: 'COMPLIANT' },
        { Id: 'logs-daily', Title: 'Log shipping', Severity: 'MEDIUM', Status: 'COMPLIANT' },
      ],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const custom = [{ Key: 'ComplianceType', Values: ['Custom:Backups'] }];
    expect((await items(node, custom)).map((item) => item.Id)).toEqual(['db-nightly', 'etc-weekly', 'logs-daily']);
    expect((await items(node, [...custom, { Key: 'Severity', Values: ['MEDIUM'], Type: 'GREATER_THAN' }])).map((item) => item.Id)).toEqual(['db-nightly']);
    expect((await items(node, [...custom, { Key: 'Status', Values: ['NON_COMPLIANT'], Type: 'NOT_EQUAL' }])).map((item) => item.Id)).toEqual(['etc-weekly', 'logs-daily']);
    expect((await items(node, [...custom, { Key: 'Id', Values: ['etc', 'logs'], Type: 'BEGIN_WITH' }])).map((item) => item.Id)).toEqual(['etc-weekly', 'logs-daily']);
    expect((await items(node, [{ Key: 'ExecutionId', Values: ['backup-scan-1'] }]))[0]!.Details).toEqual({ LastRun: '2026-11-30' });
    const [summary] = await resourceSummaries([...custom, { Key: 'OverallSeverity', Values: ['CRITICAL'] }]);
    expect(summary).toMatchObject({ ResourceId: node, Status: 'NON_COMPLIANT', OverallSeverity: 'CRITICAL', CompliantSummary: { CompliantCount: 2 }, NonCompliantSummary: { NonCompliantCount: 1 } });
    expect(await resourceSummaries([...custom, { Key: 'OverallSeverity', Values: ['HIGH'], Type: 'LESS_THAN' }])).toEqual([]);

    // Pages of one, with NextToken, until AWS's way of saying "no more": no token.
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await call<{ ComplianceItems: Item[]; NextToken?: string }>('ListComplianceItems', { ResourceIds: [node], Filters: custom, MaxResults: 1, NextToken: token });
      seen.push(...page.ComplianceItems.map((item) => item.Id));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(['db-nightly', 'etc-weekly', 'logs-daily']);

    expect((await put({ ResourceId: node, ComplianceType: 'Custom:Backups', UploadType: 'COMPLETE', Items: [{ Id: 'db-nightly', Severity: 'CRITICAL', Status: 'COMPLIANT' }] })).status).toBe(200);
    expect((await items(node, custom)).map((item) => [item.Id, item.Status])).toEqual([['db-nightly', 'COMPLIANT']]);
    expect((await put({ ResourceId: node, ComplianceType: 'Custom:Backups', UploadType: 'PARTIAL', Items: [{ Id: 'home-hourly', Severity: 'HIGH', Status: 'NON_COMPLIANT' }] })).status).toBe(200);
    expect((await items(node, custom)).map((item) => [item.Id, item.Status])).toEqual([['db-nightly', 'COMPLIANT'], ['home-hourly', 'NON_COMPLIANT']]);
    expect((await typeSummary('Custom:Backups'))!.NonCompliantSummary).toMatchObject({ NonCompliantCount: 1, SeveritySummary: { HighCount: 1 } });
  });

  it('refuses bad uploads by AWS error name and writes nothing of them', async () => {
    const node = fleet.nodes[0]!.nodeId;
    const type = 'Custom:Refusals';
    expect((await put({ ResourceId: node, ComplianceType: type, Items: [{ Id: 'kept', Severity: 'LOW', Status: 'COMPLIANT' }] })).status).toBe(200);
    const refused = async (body: Record<string, unknown>) => {
      const { status, body: response } = await put({ ResourceId: node, ComplianceType: type, ...body });
      expect(status).toBe(400);
      return response as { __type: string; message: string };
    };
    const unknownNode = await refused({ ResourceId: 'mi-00000000000000000', Items: [] });
    expect([unknownNode.__type, unknownNode.message]).toEqual(['InvalidResourceId', 'there is no managed node mi-00000000000000000']);
    expect((await refused({ ResourceType: 'EC2Instance', Items: [] })).__type).toBe('InvalidResourceType');
    const badType = await refused({ ComplianceType: 'Backups', Items: [] });
    expect(badType.__type).toBe('ValidationException');
    expect(badType.message).toContain('Patch, Association or Custom:');
    const badSeverity = await refused({ Items: [{ Id: 'x', Severity: 'SEVERE', Status: 'COMPLIANT' }] });
    expect(badSeverity.__type).toBe('ValidationException');
    expect(badSeverity.message).toContain('Severity is one of CRITICAL');
    // A bad item after good ones: the whole upload is refused, COMPLETE removes nothing.
    const duplicate = await refused({ Items: [{ Id: 'a', Severity: 'LOW', Status: 'COMPLIANT' }, { Id: 'a', Severity: 'LOW', Status: 'NON_COMPLIANT' }] });
    expect([duplicate.__type, duplicate.message]).toEqual(['InvalidItemContentException', 'the Id a appears more than once; each item of a type has its own Id']);
    expect((await refused({ Items: [{ Severity: 'LOW', Status: 'COMPLIANT' }] })).__type).toBe('InvalidItemContentException');
    expect((await refused({ Items: [{ Id: 'big', Severity: 'LOW', Status: 'COMPLIANT', Details: Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`k${index}`, 'x'.repeat(4000)])) }] })).__type).toBe('ItemSizeLimitExceededException');
    expect((await items(node, [{ Key: 'ComplianceType', Values: [type] }])).map((item) => item.Id)).toEqual(['kept']);
    const badFilter = await signedSsmCall(server.url, 'ListComplianceItems', { ResourceIds: [node], Filters: [{ Key: 'Colour', Values: ['red'] }] });
    expect([badFilter.body.__type, badFilter.body.message]).toEqual(['ValidationException', 'the filter key Colour is not supported here; use one of ComplianceType, Status, Severity, Id, Title, ExecutionId']);

    for (let index = 1; index < 10; index += 1) {
      expect((await put({ ResourceId: node, ComplianceType: `Custom:Extra${index}`, Items: [{ Id: 'one', Severity: 'LOW', Status: 'COMPLIANT' }] })).status).toBe(200);
    }
    const eleventh = await refused({ ComplianceType: 'Custom:Extra10', Items: [{ Id: 'one', Severity: 'LOW', Status: 'COMPLIANT' }] });
    expect(eleventh.__type).toBe('ComplianceTypeCountLimitExceededException');
    expect(await items(node, [{ Key: 'ComplianceType', Values: ['Custom:Extra10'] }])).toEqual([]);
  });

  it('remediates more nodes than SendCommand takes as one rate-controlled run, execution or command each', async () => {
    const activation = await admin.createActivation({ registrationLimit: 55 });
    const wide = await startFleet({ serverUrl: server.url, ...activation, count: 55, namePrefix: 'wide', tags: { Role: 'wide' }, stateRoot: path.join(scratch, 'wide') });
    const wideMarker = path.join(scratch, 'wide-configured');
    try {
      await wide.online();
      const nodeIds = wide.nodes.map((node) => node.nodeId);
      const created = await call<{ AssociationDescription: { AssociationId: string } }>('CreateAssociation', {
        Name: 'AWS-RunShellScript',
        AssociationName: 'cmp-wide',
        Targets: [{ Key: 'tag:Role', Values: ['wide'] }],
        Parameters: { commands: [`test -f ${wideMarker}`] },
        MaxConcurrency: '20',
        MaxErrors: '100%',
      });
      const id = created.AssociationDescription.AssociationId;
      expect((await finishedRun(id, (execution) => execution.Trigger === 'Create')).Status).toBe('Failed');
      fs.writeFileSync(wideMarker, 'ok\n');

      const runbook = await admin.request<{ started: { kind: string; executionId: string; nodeIds: string[] }[] }>('POST', '/api/compliance/remediate', {
        action: 'StartRunbook', nodeIds, complianceType: 'Association', documentName: 'Cmp-Check-Marker', targetParameterName: 'InstanceId', parameters: { Marker: [wideMarker] }, maxConcurrency: '20',
      });
      expect(runbook.status, JSON.stringify(runbook.body)).toBe(200);
      expect(runbook.body.started).toHaveLength(1);
      const automation = await waitFor('the runbook over 55 nodes to end', async () => {
        const { AutomationExecution } = await call<{ AutomationExecution: { AutomationExecutionStatus: string; MaxConcurrency: string; ResolvedTargets: { ParameterValues: string[] } } }>('GetAutomationExecution', { AutomationExecutionId: runbook.body.started[0]!.executionId });
        return ['Success', 'Failed'].includes(AutomationExecution.AutomationExecutionStatus) ? AutomationExecution : undefined;
      }, 120_000);
      expect(automation).toMatchObject({ AutomationExecutionStatus: 'Success', MaxConcurrency: '20' });
      expect(automation.ResolvedTargets.ParameterValues.sort()).toEqual([...nodeIds].sort());

      const rerun = await admin.request<{ started: { kind: string; executionId: string; nodeIds: string[] }[] }>('POST', '/api/compliance/remediate', { action: 'RunAssociation', nodeIds });
      expect(rerun.status, JSON.stringify(rerun.body)).toBe(200);
      expect(rerun.body.started).toEqual([expect.objectContaining({ kind: 'association', associationId: id, executionId: expect.any(String) })]);
      expect(rerun.body.started[0]!.nodeIds).toHaveLength(55);
      const run = await finishedRun(id, (execution) => execution.ExecutionId === rerun.body.started[0]!.executionId);
      expect(run.Status).toBe('Success');
      const nonCompliant = await resourceSummaries([{ Key: 'ComplianceType', Values: ['Association'] }, { Key: 'Status', Values: ['NON_COMPLIANT'] }]);
      expect(nonCompliant.filter((summary) => nodeIds.includes(summary.ResourceId))).toEqual([]);
      for (const nodeId of [nodeIds[0]!, nodeIds[54]!]) expect((await associationItem(nodeId, id))!.Status).toBe('COMPLIANT');
      await call('DeleteAssociation', { AssociationId: id });

      // Offline nodes: the command waits for them, so nothing patches this machine for real.
      await wide.stop();
      const patch = await admin.request<{ commandId: string; nodeIds: string[] }>('POST', '/api/patch-manager/patch-now', { nodeIds, operation: 'Scan', maxConcurrency: '5', maxErrors: '2' });
      expect(patch.status, JSON.stringify(patch.body)).toBe(200);
      expect(patch.body.nodeIds).toHaveLength(55);
      const { Commands } = await call<{ Commands: { TargetCount: number; MaxConcurrency: string; MaxErrors: string; DocumentName: string }[] }>('ListCommands', { CommandId: patch.body.commandId });
      expect(Commands).toEqual([expect.objectContaining({ DocumentName: 'AWS-RunPatchBaseline', TargetCount: 55, MaxConcurrency: '5', MaxErrors: '2' })]);
      await call('CancelCommand', { CommandId: patch.body.commandId });
      // The API itself keeps AWS's limit.
      const tooMany = await signedSsmCall(server.url, 'SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: nodeIds, Parameters: { commands: ['true'] } });
      expect([tooMany.status, tooMany.body.message]).toEqual([400, expect.stringContaining('InstanceIds takes at most 50 node ids')]);
    } finally {
      await wide.stop();
      fs.rmSync(wideMarker, { force: true });
    }
  }, 240_000);
});
