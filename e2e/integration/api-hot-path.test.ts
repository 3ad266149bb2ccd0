import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { waitFor } from '../support/processes';
import { BOOTSTRAP_ENV, BOOTSTRAP_KEY, signedSsmCall, type AwsCredentials } from '../support/aws';

/**
 * The API's hot path caches access keys and policies and writes audit rows in batches; none of
 * that may weaken what it guards. Revocations must bite on the very next call (on the replica that
 * made them) and soon after on another replica (LISTEN/NOTIFY), and every call must still be in
 * the trail before it is answered.
 */

interface AuditRow {
  request_id: string;
  action: string;
  result: string;
  error_code: string | null;
  username: string | null;
  access_key_id: string | null;
  source_ip: string | null;
  user_agent: string | null;
  event_source: string;
  request_parameters: Record<string, unknown>;
  event_time: Date;
}

const READER_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:DescribeActivations', 'ssm:CreateActivation'], Resource: '*' }] });
const DENY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ssm:DescribeActivations', Resource: '*' }] });

describe('the SSM API hot path: cached identity, batched audit, nothing weakened', () => {
  let databaseUrl: string;
  let primary: TestServer;
  let replica: TestServer;
  let admin: ConsoleClient;
  let db: pg.Client;

  const describeActivations = (server: TestServer, credentials: AwsCredentials) => signedSsmCall(server.url, 'DescribeActivations', {}, { credentials });
  const ok = async (request: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const response = await request;
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const refusedWith = async (request: Promise<{ status: number; body: Record<string, unknown> }>, type: string) => {
    const response = await request;
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.__type).toBe(type);
  };

  async function consoleCall(method: string, path: string, body?: unknown) {
    const response = await admin.request(method, path, body);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  }

  /** A user with one access key and, optionally, the reader policy attached directly. */
  async function userWithKey(username: string, options: { attachReader?: boolean } = {}): Promise<AwsCredentials> {
    await consoleCall('POST', '/api/iam/users', { username, password: `${username}-password-1` });
    if (options.attachReader) await consoleCall('POST', '/api/iam/attachments', { policyName: 'HotPathReader', principalType: 'user', principalName: username });
    const key = (await consoleCall('POST', `/api/iam/users/${username}/access-keys`)) as { accessKeyId: string; secretAccessKey: string };
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'hotpath');
    // Replicas share the master key (as in production) so each can decrypt the other's keys.
    const env = { ...BOOTSTRAP_ENV, OPSDECK_MASTER_KEY: randomBytes(32).toString('base64') };
    primary = await startServer({ databaseUrl, env });
    replica = await startServer({ databaseUrl, env });
    admin = await ConsoleClient.signIn(primary.url);
    await consoleCall('POST', '/api/iam/policies', { name: 'HotPathReader', document: READER_POLICY });
    await consoleCall('POST', '/api/iam/policies', { name: 'HotPathDeny', document: DENY_POLICY });
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await replica?.stop();
    await primary?.stop();
  });

  it('refuses the very next call after a policy is detached, and allows it again once re-attached', async () => {
    const key = await userWithKey('detach-me', { attachReader: true });
    await ok(describeActivations(primary, key)); // the policies are cached from here on
    await ok(describeActivations(primary, key));

    await consoleCall('DELETE', '/api/iam/attachments', { policyName: 'HotPathReader', principalType: 'user', principalName: 'detach-me' });
    await refusedWith(describeActivations(primary, key), 'AccessDeniedException');

    await consoleCall('POST', '/api/iam/attachments', { policyName: 'HotPathReader', principalType: 'user', principalName: 'detach-me' });
    await ok(describeActivations(primary, key));
  });

  it('follows group membership, group attachments and policy edits on the next call', async () => {
    const key = await userWithKey('grouped');
    await consoleCall('POST', '/api/iam/groups', { name: 'hot-path-readers' });
    await consoleCall('POST', '/api/iam/attachments', { policyName: 'HotPathReader', principalType: 'group', principalName: 'hot-path-readers' });
    await refusedWith(describeActivations(primary, key), 'AccessDeniedException'); // cached: no policies

    await consoleCall('POST', '/api/iam/groups/hot-path-readers/members', { username: 'grouped' });
    await ok(describeActivations(primary, key));

    // An explicit Deny attached to the group reaches its members at once.
    await consoleCall('POST', '/api/iam/attachments', { policyName: 'HotPathDeny', principalType: 'group', principalName: 'hot-path-readers' });
    await refusedWith(describeActivations(primary, key), 'AccessDeniedException');
    await consoleCall('DELETE', '/api/iam/attachments', { policyName: 'HotPathDeny', principalType: 'group', principalName: 'hot-path-readers' });
    await ok(describeActivations(primary, key));

    // Editing the document of an attached policy.
    await consoleCall('PUT', '/api/iam/policies/HotPathReader', { description: '', document: DENY_POLICY });
    await refusedWith(describeActivations(primary, key), 'AccessDeniedException');
    await consoleCall('PUT', '/api/iam/policies/HotPathReader', { description: '', document: READER_POLICY });
    await ok(describeActivations(primary, key));

    await consoleCall('DELETE', '/api/iam/groups/hot-path-readers/members?username=grouped');
    await refusedWith(describeActivations(primary, key), 'AccessDeniedException');
  });

  it('refuses a deactivated or deleted access key on the next call, and a deleted user at once', async () => {
    const key = await userWithKey('key-owner', { attachReader: true });
    const keyPath = `/api/iam/users/key-owner/access-keys/${key.accessKeyId}`;
    await ok(describeActivations(primary, key));

    await consoleCall('PATCH', keyPath, { status: 'Inactive' });
    await refusedWith(describeActivations(primary, key), 'UnrecognizedClientException');
    await consoleCall('PATCH', keyPath, { status: 'Active' });
    await ok(describeActivations(primary, key));
    await consoleCall('DELETE', keyPath);
    await refusedWith(describeActivations(primary, key), 'UnrecognizedClientException');

    const doomed = await userWithKey('doomed', { attachReader: true });
    await ok(describeActivations(primary, doomed));
    await consoleCall('DELETE', '/api/iam/users/doomed');
    await refusedWith(describeActivations(primary, doomed), 'UnrecognizedClientException');
  });

  it('tells the other replica: a revocation made on one is refused by the other without waiting for a cache to expire', async () => {
    const key = await userWithKey('two-replicas', { attachReader: true });
    // Both replicas now hold the key and the policies in memory.
    await ok(describeActivations(primary, key));
    await ok(describeActivations(replica, key));

    await consoleCall('DELETE', '/api/iam/attachments', { policyName: 'HotPathReader', principalType: 'user', principalName: 'two-replicas' });
    await waitFor('the replica to refuse the detached policy', async () => (await describeActivations(replica, key)).body.__type === 'AccessDeniedException', 5_000, 50);

    await consoleCall('POST', '/api/iam/attachments', { policyName: 'HotPathReader', principalType: 'user', principalName: 'two-replicas' });
    await waitFor('the replica to allow the re-attached policy', async () => (await describeActivations(replica, key)).status === 200, 5_000, 50);

    await consoleCall('PATCH', `/api/iam/users/two-replicas/access-keys/${key.accessKeyId}`, { status: 'Inactive' });
    await waitFor('the replica to refuse the deactivated key', async () => (await describeActivations(replica, key)).body.__type === 'UnrecognizedClientException', 5_000, 50);
  });

  it('writes concurrent audited calls in shared batches, each row with its own caller, parameters and request id', async () => {
    const count = 60;
    const responses = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        signedSsmCall(primary.url, 'CreateActivation', { Description: `batch-${index}`, IamRole: 'hot-path', RegistrationLimit: 1 }),
      ),
    );
    const requestIds = responses.map((response) => {
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.headers.get('x-amzn-requestid')!;
    });
    // Answered means committed: the rows are there as soon as the calls return.
    const { rows } = await db.query<AuditRow>('select * from audit_events where request_id = any($1)', [requestIds]);
    expect(rows).toHaveLength(count);
    for (const [index, requestId] of requestIds.entries()) {
      const row = rows.find((candidate) => candidate.request_id === requestId)!;
      expect(row).toMatchObject({
        action: 'CreateActivation',
        result: 'Success',
        error_code: null,
        username: 'admin',
        access_key_id: BOOTSTRAP_KEY.accessKeyId,
        source_ip: '127.0.0.1',
        event_source: 'api',
      });
      expect(row.user_agent).toBeTruthy();
      expect(row.request_parameters).toMatchObject({ description: `batch-${index}`, iamRole: 'hot-path', registrationLimit: 1 });
    }
    // One transaction per batch: rows written together share their event_time (now()).
    const batches = new Set(rows.map((row) => row.event_time.getTime())).size;
    expect(batches).toBeLessThan(count);
  });

  it('fails a call whose audit row cannot be written, and only that call of its batch', async () => {
    // A trigger that refuses one row, as a full disk or a broken constraint would.
    await db.query(`
      create function hot_path_poison() returns trigger language plpgsql as $$
      begin
        if new.request_parameters::text like '%poison-audit%' then raise exception 'audit write refused for the test'; end if;
        return new;
      end $$`);
    await db.query('create trigger hot_path_poison before insert on audit_events for each row execute function hot_path_poison()');
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          signedSsmCall(primary.url, 'CreateActivation', { Description: index === 7 ? 'poison-audit' : `innocent-${index}`, IamRole: 'hot-path' }),
        ),
      );
      expect(responses[7]).toMatchObject({ status: 500, body: { __type: 'InternalServerError' } });
      const innocent = responses.filter((_, index) => index !== 7);
      expect(innocent.map((response) => response.status)).toEqual(innocent.map(() => 200));
      const requestIds = innocent.map((response) => response.headers.get('x-amzn-requestid')!);
      const { rows } = await db.query('select request_id from audit_events where request_id = any($1)', [requestIds]);
      expect(rows).toHaveLength(innocent.length);
      const poisoned = await db.query('select count(*)::int as n from audit_events where request_id = $1', [responses[7]!.headers.get('x-amzn-requestid')]);
      expect(poisoned.rows[0].n).toBe(0);
    } finally {
      await db.query('drop trigger hot_path_poison on audit_events');
      await db.query('drop function hot_path_poison()');
    }
  });

  it('records a key as used at most once a minute, not on every call', async () => {
    const key = await userWithKey('toucher', { attachReader: true });
    const lastUsed = async () => (await db.query('select last_used_at from access_keys where id = $1', [key.accessKeyId])).rows[0].last_used_at as Date | null;
    await ok(describeActivations(primary, key));
    const first = await waitFor('the first use to be recorded', lastUsed, 5_000, 50);
    for (let index = 0; index < 5; index += 1) await ok(describeActivations(primary, key));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await lastUsed())?.getTime()).toBe(first.getTime());
  });
});
