import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DescribeInstanceInformationCommand, ListTagsForResourceCommand, paginateDescribeInstanceInformation, AddTagsToResourceCommand } from '@aws-sdk/client-ssm';
import { Agent } from '@/agent/agent';
import { collectMetadata } from '@/agent/metadata';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { newStateDir } from '../support/agents';
import { waitFor } from '../support/processes';
import { awsCli, BOOTSTRAP_ENV, BOOTSTRAP_KEY, signedSsmCall, ssmClient, type AwsCredentials } from '../support/aws';

interface AuditRow {
  action: string;
  result: string;
  errorCode: string | null;
  username: string | null;
  accessKeyId: string | null;
  requestParameters: Record<string, unknown>;
}

describe('the SSM-compatible API, through the real AWS CLI and the JavaScript SDK', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let databaseUrl: string;
  let readOnlyKey: AwsCredentials;

  const auditEvents = async (action: string) =>
    (await admin.request<{ events: AuditRow[] }>('GET', `/api/audit?action=${action}&pageSize=100`)).body.events;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'ssmapi');
    // The local agent on: describe-instance-information must show this machine.
    server = await startServer({ databaseUrl, env: { ...BOOTSTRAP_ENV, OPSDECK_LOCAL_AGENT: '1' } });
    admin = await ConsoleClient.signIn(server.url);
    await admin.request('POST', '/api/iam/users', { username: 'auditor', password: 'auditor-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'ReadOnlyAccess', principalType: 'user', principalName: 'auditor' });
    const created = await admin.request<{ accessKeyId: string; secretAccessKey: string }>('POST', '/api/iam/users/auditor/access-keys');
    readOnlyKey = { accessKeyId: created.body.accessKeyId, secretAccessKey: created.body.secretAccessKey };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('describe-instance-information (CLI) shows the local agent Online', async () => {
    const result = await waitFor(
      'the local node Online through the CLI',
      async () => {
        const run = await awsCli(server.url, ['describe-instance-information', '--filters', 'Key=PingStatus,Values=Online']);
        const list = (run.json as { InstanceInformationList?: { InstanceId: string; PingStatus: string; ResourceType: string }[] })?.InstanceInformationList;
        return list && list.length === 1 ? list : undefined;
      },
      30_000,
      1000,
    );
    expect(result[0]).toMatchObject({ PingStatus: 'Online', ResourceType: 'ManagedInstance' });
    expect(result[0]!.InstanceId).toMatch(/^mi-[0-9a-f]{17}$/);
  });

  it('creates, describes and deletes an activation with the CLI, and audits each call', async () => {
    const created = await awsCli(server.url, ['create-activation', '--iam-role', 'SSMServiceRole', '--registration-limit', '3', '--description', 'cli made', '--tags', 'Key=Environment,Value=dev']);
    expect(created.code, created.stderr).toBe(0);
    const { ActivationId, ActivationCode } = created.json as { ActivationId: string; ActivationCode: string };
    expect(ActivationCode).toHaveLength(20);

    const described = await awsCli(server.url, ['describe-activations', '--filters', `FilterKey=ActivationIds,FilterValues=${ActivationId}`]);
    expect(described.code, described.stderr).toBe(0);
    expect((described.json as { ActivationList: unknown[] }).ActivationList).toEqual([
      expect.objectContaining({ ActivationId, Description: 'cli made', IamRole: 'SSMServiceRole', RegistrationLimit: 3, RegistrationsCount: 0, Expired: false, Tags: [{ Key: 'Environment', Value: 'dev' }] }),
    ]);

    const deleted = await awsCli(server.url, ['delete-activation', '--activation-id', ActivationId]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const again = await awsCli(server.url, ['delete-activation', '--activation-id', ActivationId]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('(InvalidActivation)');

    const creates = await auditEvents('CreateActivation');
    expect(creates).toContainEqual(expect.objectContaining({ result: 'Success', username: 'admin', accessKeyId: BOOTSTRAP_KEY.accessKeyId }));
    expect(await auditEvents('DescribeActivations')).toContainEqual(expect.objectContaining({ result: 'Success', username: 'admin' }));
    const deletes = await auditEvents('DeleteActivation');
    expect(deletes.map((event) => [event.result, event.errorCode])).toEqual([
      ['Failure', 'InvalidActivation'],
      ['Success', null],
    ]);
    expect(await auditEvents('DescribeInstanceInformation')).toContainEqual(expect.objectContaining({ result: 'Success' }));
  });

  it('refuses CreateActivation to a ReadOnlyAccess user with AccessDeniedException, and audits the refusal', async () => {
    const allowed = await awsCli(server.url, ['describe-activations'], readOnlyKey);
    expect(allowed.code, allowed.stderr).toBe(0);

    const refused = await awsCli(server.url, ['create-activation', '--iam-role', 'r'], readOnlyKey);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('(AccessDeniedException)');
    expect(refused.stderr).toContain('user/auditor is not authorized to perform: ssm:CreateActivation');
    expect(await auditEvents('CreateActivation')).toContainEqual(
      expect.objectContaining({ result: 'Failure', errorCode: 'AccessDeniedException', username: 'auditor', accessKeyId: readOnlyKey.accessKeyId }),
    );
  });

  it('refuses a tampered signature, an unknown key and a stale request with AWS error names', async () => {
    const wrongSecret = await awsCli(server.url, ['describe-activations'], { ...BOOTSTRAP_KEY, secretAccessKey: 'not-the-secret' });
    expect(wrongSecret.stderr).toContain('(InvalidSignatureException)');

    const tampered = await signedSsmCall(server.url, 'DescribeActivations', {}, { mutate: (headers) => (headers['x-amz-target'] = 'AmazonSSM.DeleteActivation') });
    expect(tampered).toMatchObject({ status: 400, body: { __type: 'InvalidSignatureException' } });

    const unknownKey = await signedSsmCall(server.url, 'DescribeActivations', {}, { credentials: { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x' } });
    expect(unknownKey).toMatchObject({ status: 400, body: { __type: 'UnrecognizedClientException' } });

    const stale = await signedSsmCall(server.url, 'DescribeActivations', {}, { signingDate: new Date(Date.now() - 16 * 60_000) });
    expect(stale.status).toBe(400);
    expect(stale.body.__type).toBe('InvalidSignatureException');
    expect(String(stale.body.message)).toMatch(/^Signature expired/);

    const failures = (await admin.request<{ events: AuditRow[] }>('GET', '/api/audit?result=Failure&pageSize=200')).body.events;
    expect(failures).toContainEqual(expect.objectContaining({ action: 'DescribeActivations', errorCode: 'InvalidSignatureException', accessKeyId: BOOTSTRAP_KEY.accessKeyId, username: null }));
    expect(failures).toContainEqual(expect.objectContaining({ errorCode: 'UnrecognizedClientException', accessKeyId: 'AKIANOSUCHKEY0000000' }));
  });

  it('speaks the wire format SDKs depend on: JSON 1.1, request ids, epoch-second dates, 400s for client errors', async () => {
    const ok = await signedSsmCall(server.url, 'DescribeInstanceInformation', {});
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const [first] = ok.body.InstanceInformationList as { RegistrationDate: unknown }[];
    expect(typeof first!.RegistrationDate).toBe('number');
    expect(ok.body).not.toHaveProperty('NextToken');

    const unknown = await signedSsmCall(server.url, 'FlyToTheMoon', {});
    expect(unknown).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException', message: expect.stringContaining('FlyToTheMoon') } });

    const invalid = await signedSsmCall(server.url, 'DescribeInstanceInformation', { MaxResults: 2 });
    expect(invalid).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: expect.stringContaining('MaxResults is at least 5') } });

    const badToken = await signedSsmCall(server.url, 'DescribeInstanceInformation', { NextToken: 'garbage' });
    expect(badToken).toMatchObject({ status: 400, body: { __type: 'InvalidNextToken' } });

    const otherRegion = await signedSsmCall(server.url, 'DescribeInstanceInformation', {}, { region: 'eu-west-1' });
    expect(otherRegion).toMatchObject({ status: 400, body: { __type: 'InvalidSignatureException', message: expect.stringContaining("'us-east-1'") } });
  });

  it('pages DescribeInstanceInformation with the SDK paginator and filters by tag', async () => {
    const { activationId, activationCode } = await admin.createActivation({ registrationLimit: 10, tags: { Team: 'web' } });
    for (let index = 0; index < 6; index += 1) {
      await Agent.register({ serverUrl: server.url, activationId, activationCode, stateDir: newStateDir(), name: `page-${index}`, metadata: collectMetadata() });
    }
    const client = ssmClient(server.url);
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateDescribeInstanceInformation({ client, pageSize: 5 }, {})) {
      pages.push(page.InstanceInformationList!.length);
      ids.push(...page.InstanceInformationList!.map((node) => node.InstanceId!));
    }
    expect(pages).toEqual([5, 2]); // six registered here plus the local node
    expect(new Set(ids).size).toBe(7);

    const web = await client.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'tag:Team', Values: ['web'] }] }));
    expect(web.InstanceInformationList).toHaveLength(6);
    expect(web.InstanceInformationList![0]!.RegistrationDate).toBeInstanceOf(Date);

    const nodeId = web.InstanceInformationList![0]!.InstanceId!;
    await client.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodeId, Tags: [{ Key: 'Owner', Value: 'ops' }] }));
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodeId }));
    expect(tags.TagList).toEqual(expect.arrayContaining([{ Key: 'Team', Value: 'web' }, { Key: 'Owner', Value: 'ops' }]));
    const removed = await awsCli(server.url, ['remove-tags-from-resource', '--resource-type', 'ManagedInstance', '--resource-id', nodeId, '--tag-keys', 'Owner']);
    expect(removed.code, removed.stderr).toBe(0);
    const after = await awsCli(server.url, ['list-tags-for-resource', '--resource-type', 'ManagedInstance', '--resource-id', nodeId]);
    expect((after.json as { TagList: unknown[] }).TagList).toEqual([{ Key: 'Team', Value: 'web' }]);

    const deregistered = await awsCli(server.url, ['deregister-managed-instance', '--instance-id', nodeId]);
    expect(deregistered.code, deregistered.stderr).toBe(0);
    const inactive = await awsCli(server.url, ['describe-instance-information', '--filters', 'Key=PingStatus,Values=Inactive']);
    expect((inactive.json as { InstanceInformationList: { InstanceId: string }[] }).InstanceInformationList.map((node) => node.InstanceId)).toEqual([nodeId]);
  });

  it('keeps the audit trail append-only, even for the database owner, and secrets out of it', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await expect(client.query(`update audit_events set result = 'Success'`)).rejects.toThrow(/append-only: UPDATE is not allowed/);
      await expect(client.query('delete from audit_events')).rejects.toThrow(/append-only: DELETE is not allowed/);
      const secrets = await client.query(`select count(*)::int as n from audit_events where request_parameters::text like '%auditor-password-1%'`);
      expect(secrets.rows[0].n).toBe(0);
      const keys = await client.query(`select secret_encrypted from access_keys`);
      expect(keys.rows.length).toBeGreaterThan(0);
      expect(keys.rows.map((row) => row.secret_encrypted).join()).not.toContain(readOnlyKey.secretAccessKey);
      expect(keys.rows.map((row) => row.secret_encrypted).join()).not.toContain(BOOTSTRAP_KEY.secretAccessKey);
    } finally {
      await client.end();
    }
  });
});
