import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  UnlabelParameterVersionCommand,
  type PutParameterCommandInput,
} from '@aws-sdk/client-ssm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateDocumentCommand, GetCommandInvocationCommand, ListCommandsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { startFleet } from '../../bench/fleet/simulator';
import { waitFor } from '../support/processes';
import { awsCli, BOOTSTRAP_ENV, failure, ssmClient, type AwsCredentials } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';


describe('Parameter Store through the SSM API', () => {
  let server: TestServer;
  let ssm: SSMClient;
  let databaseUrl: string;
  let admin: ConsoleClient;

  const put = (input: PutParameterCommandInput) => ssm.send(new PutParameterCommand(input));

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'parameters');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    ssm = ssmClient(server.url);
    admin = await ConsoleClient.signIn(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  // AWS's documented naming rules and limits, each with the error AWS answers.
  const VALIDATION_CASES: { title: string; input: PutParameterCommandInput; error: string | null }[] = [
    { title: 'a flat name', input: { Name: 'flat-name_1.x', Value: 'v', Type: 'String' }, error: null },
    { title: 'a hierarchical name', input: { Name: '/Dev/DBServer/MySQL/db-string13', Value: 'v', Type: 'String' }, error: null },
    { title: '15 levels', input: { Name: `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}`, Value: 'v', Type: 'String' }, error: null },
    { title: '16 levels', input: { Name: `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`, Value: 'v', Type: 'String' }, error: 'HierarchyLevelLimitExceededException' },
    { title: 'a space inside the name', input: { Name: '/prod/db pass', Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: 'a character outside a-zA-Z0-9_.-/', input: { Name: '/prod/db@pass', Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: 'the aws prefix', input: { Name: 'awsconfig', Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: 'the ssm prefix, any case', input: { Name: '/SSM/thing', Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: 'the reserved /aws/ path', input: { Name: '/aws/service/mine', Value: 'v', Type: 'String' }, error: 'AccessDeniedException' },
    { title: 'a slash without a leading slash', input: { Name: 'a/b', Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: 'an empty sub-path', input: { Name: '/a//b', Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: 'a name longer than 1011 with its ARN', input: { Name: `/${'n'.repeat(1000)}`, Value: 'v', Type: 'String' }, error: 'ValidationException' },
    { title: '4096 characters in Standard', input: { Name: '/size/std-ok', Value: 'x'.repeat(4096), Type: 'String' }, error: null },
    { title: '4097 characters in Standard', input: { Name: '/size/std-big', Value: 'x'.repeat(4097), Type: 'String' }, error: 'ValidationException' },
    { title: '8192 characters in Advanced', input: { Name: '/size/adv-ok', Value: 'x'.repeat(8192), Type: 'String', Tier: 'Advanced' }, error: null },
    { title: '8193 characters in Advanced', input: { Name: '/size/adv-big', Value: 'x'.repeat(8193), Type: 'String', Tier: 'Advanced' }, error: 'ValidationException' },
    { title: 'a value not matching AllowedPattern', input: { Name: '/pattern/port', Value: 'eighty', Type: 'String', AllowedPattern: '^\\d+$' }, error: 'ParameterPatternMismatchException' },
    { title: 'an AllowedPattern that is not a regex', input: { Name: '/pattern/bad', Value: '1', Type: 'String', AllowedPattern: '^(\\d+$' }, error: 'InvalidAllowedPatternException' },
    { title: 'no Type on create', input: { Name: '/untyped', Value: 'v' }, error: 'ValidationException' },
    { title: 'policies on Standard', input: { Name: '/policy/std', Value: 'v', Type: 'String', Tier: 'Standard', Policies: '[{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"30","Unit":"Days"}}]' }, error: 'ValidationException' },
    { title: 'an unknown policy type', input: { Name: '/policy/odd', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: '[{"Type":"Explode","Version":"1.0","Attributes":{}}]' }, error: 'InvalidPolicyTypeException' },
    { title: 'a bad policy attribute', input: { Name: '/policy/bad', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: '[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"tomorrow"}}]' }, error: 'InvalidPolicyAttributeException' },
    { title: 'an unsupported data type', input: { Name: '/datatype/odd', Value: 'v', Type: 'String', DataType: 'Text' }, error: 'ValidationException' },
    { title: 'an empty StringList item', input: { Name: '/list/holes', Value: 'a,,b', Type: 'StringList' }, error: 'ValidationException' },
  ];

  it.each(VALIDATION_CASES)('PutParameter with $title → $error', async ({ input, error }) => {
    if (error === null) {
      const { Version } = await put(input);
      expect(Version).toBe(1);
      return;
    }
    expect((await failure(put(input))).name).toBe(error);
    // Nothing was half-written.
    expect((await failure(ssm.send(new GetParameterCommand({ Name: input.Name! })))).name).toMatch(/ParameterNotFound|ValidationException|AccessDenied/);
  });

  it('refuses to overwrite without Overwrite, versions every write, and never reads a stale version after a write', async () => {
    await put({ Name: '/app/config', Value: 'one', Type: 'String', Description: 'app config' });
    expect((await failure(put({ Name: '/app/config', Value: 'two', Type: 'String' }))).name).toBe('ParameterAlreadyExists');
    expect((await ssm.send(new GetParameterCommand({ Name: '/app/config' }))).Parameter!.Value).toBe('one');
    for (let round = 2; round <= 30; round += 1) {
      const { Version } = await put({ Name: '/app/config', Value: `value-${round}`, Overwrite: true });
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/config' }));
      expect(Parameter).toMatchObject({ Version, Value: `value-${round}`, Type: 'String' });
    }
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/app/config', MaxResults: 50 }));
    expect(history.Parameters!.map((entry) => entry.Version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The description is kept when an overwrite does not give one.
    expect(history.Parameters!.at(-1)!.Description).toBe('app config');
  });

  it('/Name and Name are one top-level parameter', async () => {
    await put({ Name: 'toplevel', Value: 'a', Type: 'String' });
    expect((await failure(put({ Name: '/toplevel', Value: 'b', Type: 'String' }))).name).toBe('ParameterAlreadyExists');
    expect((await ssm.send(new GetParameterCommand({ Name: '/toplevel' }))).Parameter!.Value).toBe('a');
  });

  it('labels move between versions, invalid labels come back, and selectors read them', async () => {
    await put({ Name: '/labels/app', Value: 'v1', Type: 'String' });
    await put({ Name: '/labels/app', Value: 'v2', Type: 'String', Overwrite: true });
    await put({ Name: '/labels/app', Value: 'v3', Type: 'String', Overwrite: true });
    const labelled = await ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 1, Labels: ['prod', '1bad', 'awsy', 'Ssmx', 'ok.label'] }));
    expect(labelled).toMatchObject({ ParameterVersion: 1, InvalidLabels: ['1bad', 'awsy', 'Ssmx'] });
    expect((await ssm.send(new GetParameterCommand({ Name: '/labels/app:prod' }))).Parameter).toMatchObject({ Value: 'v1', Version: 1, Selector: ':prod' });
    await ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 2, Labels: ['prod'] }));
    expect((await ssm.send(new GetParameterCommand({ Name: '/labels/app:prod' }))).Parameter!.Value).toBe('v2');
    expect((await ssm.send(new GetParameterCommand({ Name: '/labels/app:1' }))).Parameter).toMatchObject({ Value: 'v1', Selector: ':1' });
    expect((await failure(ssm.send(new GetParameterCommand({ Name: '/labels/app:9' })))).name).toBe('ParameterVersionNotFound');
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/labels/app' }));
    expect(history.Parameters!.map((entry) => entry.Labels)).toEqual([['ok.label'], ['prod'], []]);
    // Ten labels per version at most.
    await ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 3, Labels: Array.from({ length: 10 }, (_, i) => `l${i}`) }));
    expect((await failure(ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 3, Labels: ['eleventh'] })))).name).toBe('ParameterVersionLabelLimitExceeded');
    const removed = await ssm.send(new UnlabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 2, Labels: ['prod', 'absent'] }));
    expect(removed).toMatchObject({ RemovedLabels: ['prod'], InvalidLabels: ['absent'] });
  });

  it('keeps 100 versions: the 101st write drops the oldest, unless a label holds it', async () => {
    await put({ Name: '/versions/many', Value: 'v1', Type: 'String' });
    await ssm.send(new LabelParameterVersionCommand({ Name: '/versions/many', ParameterVersion: 1, Labels: ['pinned'] }));
    for (let version = 2; version <= 100; version += 1) await put({ Name: '/versions/many', Value: `v${version}`, Overwrite: true });
    const refused = await failure(put({ Name: '/versions/many', Value: 'v101', Overwrite: true }));
    expect(refused.name).toBe('ParameterMaxVersionLimitExceeded');
    expect(refused.message).toContain('Version 1, the oldest version');
    await ssm.send(new UnlabelParameterVersionCommand({ Name: '/versions/many', ParameterVersion: 1, Labels: ['pinned'] }));
    expect((await put({ Name: '/versions/many', Value: 'v101', Overwrite: true })).Version).toBe(101);
    expect((await failure(ssm.send(new GetParameterCommand({ Name: '/versions/many:1' })))).name).toBe('ParameterVersionNotFound');
    expect((await ssm.send(new GetParameterCommand({ Name: '/versions/many:2' }))).Parameter!.Value).toBe('v2');
  });

  it('reads a hierarchy by path with filters and pagination, and describes parameters with filters', async () => {
    for (const name of ['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deeper/d', '/treehouse/e']) {
      await put({ Name: name, Value: name, Type: name.endsWith('c') ? 'StringList' : 'String', Tags: [{ Key: 'team', Value: name.includes('sub') ? 'db' : 'web' }] });
    }
    const oneLevel = await ssm.send(new GetParametersByPathCommand({ Path: '/tree' }));
    expect(oneLevel.Parameters!.map((p) => p.Name)).toEqual(['/tree/a', '/tree/b']);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await ssm.send(new GetParametersByPathCommand({ Path: '/tree/', Recursive: true, MaxResults: 3, NextToken: token }));
      names.push(...page.Parameters!.map((p) => p.Name!));
      token = page.NextToken;
    } while (token);
    expect(names).toEqual(['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deeper/d']);
    const lists = await ssm.send(new GetParametersByPathCommand({ Path: '/tree', Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['StringList'] }] }));
    expect(lists.Parameters!.map((p) => p.Name)).toEqual(['/tree/sub/c']);
    expect((await failure(ssm.send(new GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })))).name).toBe('InvalidFilterKey');
    const tagged = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'tag:team', Values: ['db'] }, { Key: 'Path', Option: 'Recursive', Values: ['/tree'] }] }));
    expect(tagged.Parameters!.map((p) => p.Name)).toEqual(['/tree/sub/c', '/tree/sub/deeper/d']);
    const begins = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/tree'] }] }));
    expect(begins.Parameters!.map((p) => p.Name)).toContain('/treehouse/e');
    expect((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tree/a' }))).TagList).toEqual([{ Key: 'team', Value: 'web' }]);
    const batch = await ssm.send(new GetParametersCommand({ Names: ['/tree/a', '/tree/missing', '/tree/b'] }));
    expect(batch.Parameters!.map((p) => p.Name)).toEqual(['/tree/a', '/tree/b']);
    expect(batch.InvalidParameters).toEqual(['/tree/missing']);
    const deleted = await ssm.send(new DeleteParametersCommand({ Names: ['/treehouse/e', '/tree/nope'] }));
    expect(deleted).toMatchObject({ DeletedParameters: ['/treehouse/e'], InvalidParameters: ['/tree/nope'] });
  });

  it('encrypts SecureString values: plaintext only with decryption, bound to its name, never in the database or the logs', async () => {
    const secret = 'hunter2-opsdeck-known-secret-5f1c';
    await put({ Name: '/prod/db/password', Value: secret, Type: 'SecureString' });
    const hidden = await ssm.send(new GetParameterCommand({ Name: '/prod/db/password' }));
    expect(hidden.Parameter!.Value).not.toContain(secret);
    const shown = await ssm.send(new GetParameterCommand({ Name: '/prod/db/password', WithDecryption: true }));
    expect(shown.Parameter).toMatchObject({ Value: secret, Type: 'SecureString', Version: 1 });
    const described = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/prod/db/password'] }] }));
    expect(described.Parameters![0]).toMatchObject({ KeyId: 'alias/aws/ssm', Type: 'SecureString' });

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // A ciphertext copied onto another parameter does not decrypt there.
      await put({ Name: '/prod/db/copy', Value: 'placeholder', Type: 'SecureString' });
      await client.query(`update parameters set value = (select value from parameters where name_key = '/prod/db/password') where name_key = '/prod/db/copy'`);
      await client.query(`select pg_notify('opsdeck_invalidate', '{"origin":"test","topic":"parameter","key":"/prod/db/copy"}')`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await failure(ssm.send(new GetParameterCommand({ Name: '/prod/db/copy', WithDecryption: true })))).name).toBe('InvalidCiphertextException');

      const tables = await client.query<{ table_schema: string; table_name: string }>(`select table_schema, table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`);
      for (const { table_schema, table_name } of tables.rows) {
        const { rows } = await client.query(`select count(*)::int as hits from "${table_schema}"."${table_name}" t where t::text like $1`, [`%${secret}%`]);
        expect({ table: `${table_schema}.${table_name}`, hits: rows[0].hits }).toEqual({ table: `${table_schema}.${table_name}`, hits: 0 });
      }
      const audit = await client.query(`select action, request_parameters::text as parameters from audit_events where action in ('PutParameter', 'GetParameter', 'Decrypt') order by id`);
      expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['PutParameter', 'GetParameter', 'Decrypt']));
    } finally {
      await client.end();
    }
    expect(server.process.output()).not.toContain(secret);
  });

  it('scopes access by path: a user allowed /dev/* cannot read /prod/db/password', async () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ssm:GetParameter*', 'ssm:PutParameter', 'kms:Decrypt'], Resource: ['arn:opsdeck:ssm:*:*:parameter/dev/*', 'arn:opsdeck:kms:*:*:key/*'] }],
    });
    expect((await admin.request('POST', '/api/iam/policies', { name: 'DevParameters', document })).status).toBe(200);
    await admin.request('POST', '/api/iam/users', { username: 'devon', password: 'devon-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'DevParameters', principalType: 'user', principalName: 'devon' });
    const key = (await admin.request<AwsCredentials>('POST', '/api/iam/users/devon/access-keys')).body;
    const devon = ssmClient(server.url, key);
    await devon.send(new PutParameterCommand({ Name: '/dev/db/password', Value: 'dev-secret', Type: 'SecureString' }));
    expect((await devon.send(new GetParameterCommand({ Name: '/dev/db/password', WithDecryption: true }))).Parameter!.Value).toBe('dev-secret');
    const denied = await failure(devon.send(new GetParameterCommand({ Name: '/prod/db/password', WithDecryption: true })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('ssm:GetParameter');
    const cli = await awsCli(server.url, ['get-parameter', '--name', '/prod/db/password', '--with-decryption'], key);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('AccessDeniedException');
  });

  it('works with the real AWS CLI: put, get, by path, history, label, SecureString round trip, delete', async () => {
    const run = async (args: string[]) => {
      const result = await awsCli(server.url, args);
      expect(result.code, result.stderr).toBe(0);
      return result.json as Record<string, unknown>;
    };
    expect(await run(['put-parameter', '--name', '/cli/url', '--value', 'https://example.test', '--type', 'String'])).toEqual({ Version: 1, Tier: 'Standard' });
    await run(['put-parameter', '--name', '/cli/url', '--value', 'https://example.test/v2', '--overwrite']);
    expect((await run(['get-parameter', '--name', '/cli/url'])).Parameter).toMatchObject({ Name: '/cli/url', Value: 'https://example.test/v2', Version: 2 });
    await run(['put-parameter', '--name', '/cli/token', '--value', 's3cr3t-cli', '--type', 'SecureString']);
    expect((await run(['get-parameter', '--name', '/cli/token', '--with-decryption'])).Parameter).toMatchObject({ Value: 's3cr3t-cli', Type: 'SecureString' });
    const byPath = await run(['get-parameters-by-path', '--path', '/cli', '--with-decryption']);
    expect((byPath.Parameters as { Name: string; Value: string }[]).map((p) => [p.Name, p.Value])).toEqual([
      ['/cli/token', 's3cr3t-cli'],
      ['/cli/url', 'https://example.test/v2'],
    ]);
    expect((await run(['get-parameter-history', '--name', '/cli/url'])).Parameters).toHaveLength(2);
    expect(await run(['label-parameter-version', '--name', '/cli/url', '--parameter-version', '1', '--labels', 'stable'])).toMatchObject({ ParameterVersion: 1, InvalidLabels: [] });
    expect((await run(['get-parameter', '--name', '/cli/url:stable'])).Parameter).toMatchObject({ Value: 'https://example.test', Selector: ':stable' });
    await run(['delete-parameter', '--name', '/cli/url']);
    const missing = await awsCli(server.url, ['get-parameter', '--name', '/cli/url']);
    expect(missing.stderr).toContain('ParameterNotFound');
  });

  it('an expired parameter reads as gone at once', async () => {
    const timestamp = new Date(Date.now() + 3000).toISOString();
    await put({ Name: '/expiring/token', Value: 'short-lived', Type: 'String', Tier: 'Advanced', Policies: JSON.stringify([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: timestamp } }]) });
    expect((await ssm.send(new GetParameterCommand({ Name: '/expiring/token' }))).Parameter!.Value).toBe('short-lived');
    const described = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/expiring/token'] }] }));
    expect(described.Parameters![0]!.Policies).toEqual([expect.objectContaining({ PolicyType: 'Expiration', PolicyStatus: 'Pending' })]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(Date.parse(timestamp) - Date.now(), 0) + 200));
    expect((await failure(ssm.send(new GetParameterCommand({ Name: '/expiring/token' })))).name).toBe('ParameterNotFound');
    await ssm.send(new DeleteParameterCommand({ Name: '/toplevel' }));
  });

  it('resolves {{ssm:}} when a command is sent and {{ssm-secure:}} only on its way to the node', async () => {
    const secret = 'node-side-secret-7d2e';
    await put({ Name: '/app/greeting', Value: 'hello-from-store', Type: 'String' });
    await put({ Name: '/app/token', Value: secret, Type: 'SecureString' });
    const content = JSON.stringify({
      schemaVersion: '2.2',
      description: 'Uses Parameter Store',
      parameters: { extra: { type: 'String', default: 'none' } },
      mainSteps: [{ action: 'aws:runShellScript', name: 'show', inputs: { runCommand: ['echo {{ssm:/app/greeting}}', 'printf %s "{{ssm-secure:/app/token}}" | sha256sum', 'echo "extra={{ extra }}"'] } }],
    });
    await ssm.send(new CreateDocumentCommand({ Name: 'Uses-Parameters', Content: content, DocumentType: 'Command', DocumentFormat: 'JSON' }));
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-params-fleet-'));
    const activation = await admin.createActivation({ registrationLimit: 1 });
    const fleet = await startFleet({ serverUrl: server.url, ...activation, count: 1, namePrefix: 'pr', stateRoot: path.join(scratch, 'fleet') });
    try {
      await fleet.online();
      const nodeId = fleet.nodes[0]!.nodeId;
      // A sealed placeholder typed into a value is just text: it cannot make the server reveal a secret.
      const forged = `{{opsdeck-secure:/app/token#${'A'.repeat(43)}}}`;
      const { Command } = await ssm.send(new SendCommandCommand({ DocumentName: 'Uses-Parameters', InstanceIds: [nodeId], Parameters: { extra: [forged] } }));
      const commandId = Command!.CommandId!;
      await waitFor('the command to finish', async () => {
        const { Commands } = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
        return ['Success', 'Failed'].includes(Commands![0]!.Status!) ? true : undefined;
      }, 60_000);
      const invocation = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: nodeId }));
      const { createHash } = await import('node:crypto');
      expect(invocation.Status).toBe('Success');
      expect(invocation.StandardOutputContent).toContain('hello-from-store');
      expect(invocation.StandardOutputContent).toContain(createHash('sha256').update(secret).digest('hex'));
      expect(invocation.StandardOutputContent).toContain(`extra=${forged}`);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query(`select count(*)::int as hits from commands c where c::text like $1`, [`%${secret}%`]);
        expect(rows[0].hits).toBe(0);
      } finally {
        await client.end();
      }
      const missing = await failure(ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [nodeId], Parameters: { commands: ['echo {{ssm:/app/nothing-here}}'] } })));
      expect(missing.name).toBe('InvalidParameters');
      expect(missing.message).toContain('/app/nothing-here');
    } finally {
      await fleet.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
