import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io } from 'socket.io-client';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';

describe('identity: users, groups, policies, sessions and sign-in protection', () => {
  let server: TestServer;
  let admin: ConsoleClient;

  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'identity') });
    admin = await ConsoleClient.signIn(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a group policy with an explicit Deny beats AdministratorAccess', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'dana', password: 'dana-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'AdministratorAccess', principalType: 'user', principalName: 'dana' });
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'NoActivations', Effect: 'Deny', Action: 'ssm:*Activation*', Resource: '*' }],
    });
    expect((await admin.request('POST', '/api/iam/policies', { name: 'NoActivations', document })).status).toBe(200);
    await admin.request('POST', '/api/iam/groups', { name: 'contractors' });
    await admin.request('POST', '/api/iam/groups/contractors/members', { username: 'dana' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'NoActivations', principalType: 'group', principalName: 'contractors' });

    const listedUsers = (await admin.request<{ users: { username: string; groups: string[]; policies: string[]; activeAccessKeys: number }[] }>('GET', '/api/iam/users')).body.users;
    expect(listedUsers.find((user) => user.username === 'dana')).toEqual(expect.objectContaining({ groups: ['contractors'], policies: ['AdministratorAccess'], activeAccessKeys: 0 }));
    const listedGroups = (await admin.request<{ groups: { name: string; members: string[]; policies: string[] }[] }>('GET', '/api/iam/groups')).body.groups;
    expect(listedGroups).toEqual([expect.objectContaining({ name: 'contractors', members: ['dana'], policies: ['NoActivations'] })]);

    const dana = await ConsoleClient.signIn(server.url, 'dana', 'dana-password-1');
    const refused = await dana.request('POST', '/api/activations', {});
    expect(refused).toMatchObject({ status: 400, body: { __type: 'AccessDeniedException' } });
    expect(String((refused.body as { message: string }).message)).toContain('with an explicit deny');
    expect((await dana.request('GET', '/api/nodes')).status).toBe(200);

    const simulated = await admin.request('POST', '/api/iam/simulate', { username: 'dana', action: 'ssm:CreateActivation', resource: '*' });
    expect(simulated.body).toMatchObject({ decision: 'ExplicitDeny', matchedStatement: { policyName: 'NoActivations', sid: 'NoActivations', effect: 'Deny' } });

    await admin.request('DELETE', '/api/iam/groups/contractors/members?username=dana');
    expect((await dana.request('POST', '/api/activations', {})).status).toBe(200);
  });

  it('rejects a malformed policy with the line and column, and saves nothing', async () => {
    const document = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "*", "Resource": "*" }\n  ]\n}';
    const { status, body } = await admin.request<{ __type: string; errors: { line: number; column: number; message: string }[] }>('POST', '/api/iam/policies', { name: 'Broken', document });
    expect(status).toBe(400);
    expect(body.__type).toBe('MalformedPolicyDocument');
    expect(body.errors[0]).toMatchObject({ line: 4, column: 25 });
    const names = (await admin.request<{ policies: { name: string }[] }>('GET', '/api/iam/policies')).body.policies.map((policy) => policy.name);
    expect(names).not.toContain('Broken');
    expect(names).toEqual(expect.arrayContaining(['AdministratorAccess', 'ReadOnlyAccess', 'SessionOperator']));
  });

  it('built-in policies cannot be changed or deleted', async () => {
    const changed = await admin.request('PUT', '/api/iam/policies/AdministratorAccess', { document: '{"Version":"2012-10-17","Statement":[]}' });
    expect(changed).toMatchObject({ status: 400, body: { __type: 'UnmodifiableEntity' } });
    expect((await admin.request('DELETE', '/api/iam/policies/ReadOnlyAccess')).body).toMatchObject({ __type: 'UnmodifiableEntity' });
  });

  it('revoking sessions signs the user out everywhere at once', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'erin', password: 'erin-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'ReadOnlyAccess', principalType: 'user', principalName: 'erin' });
    const laptop = await ConsoleClient.signIn(server.url, 'erin', 'erin-password-1');
    const phone = await ConsoleClient.signIn(server.url, 'erin', 'erin-password-1');
    expect((await laptop.request('GET', '/api/nodes')).status).toBe(200);
    // The live channel of a revoked session closes too, not only its HTTP requests.
    const live = io(`${server.url}/console`, { transports: ['websocket'], extraHeaders: { cookie: laptop.cookie } });
    await new Promise<void>((resolve, reject) => {
      live.once('connect', () => resolve());
      live.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => live.once('disconnect', resolve));
    expect((await admin.request<{ sessions: unknown[] }>('GET', '/api/iam/users/erin/sessions')).body.sessions).toHaveLength(2);

    expect((await admin.request('DELETE', '/api/iam/users/erin/sessions')).body).toEqual({ revoked: 2 });
    expect(await closed).toBe('io server disconnect');
    live.close();
    expect((await laptop.request('GET', '/api/nodes')).status).toBe(401);
    expect((await phone.request('GET', '/api/nodes')).status).toBe(401);
  });

  it('throttles repeated failed sign-ins for a user, even with the right password afterwards', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'frank', password: 'frank-password-1' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(ConsoleClient.signIn(server.url, 'frank', 'wrong-password')).rejects.toThrow(/401/);
    }
    await expect(ConsoleClient.signIn(server.url, 'frank', 'frank-password-1')).rejects.toThrow(/429.*Too many failed sign-ins for this user/);
    // Another user is not locked out by frank's failures.
    await expect(ConsoleClient.signIn(server.url, 'erin', 'erin-password-1')).resolves.toBeTruthy();
    const logins = (await admin.request<{ events: { username: string; result: string; errorCode: string | null }[] }>('GET', '/api/audit?action=ConsoleLogin&username=frank')).body.events;
    expect(logins.map((event) => event.errorCode)).toEqual(['ThrottlingException', ...Array(5).fill('InvalidCredentials')]);
  });

  it('records who changed what, with passwords redacted', async () => {
    const events = (await admin.request<{ events: { action: string; username: string; sourceIp: string; requestParameters: Record<string, unknown> }[] }>('GET', '/api/audit?action=CreateUser')).body.events;
    expect(events.map((event) => event.requestParameters.username)).toEqual(expect.arrayContaining(['dana', 'erin', 'frank']));
    expect(events[0]).toMatchObject({ username: 'admin', sourceIp: '127.0.0.1' });
    expect(JSON.stringify(events)).not.toContain('password-1');

    const exported = await fetch(`${server.url}/api/audit/export?action=CreateUser`, { headers: { cookie: admin.cookie } });
    expect(exported.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as { action: string });
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.action === 'CreateUser')).toBe(true);
    expect((await admin.request<{ events: unknown[] }>('GET', '/api/audit?action=ExportEvents')).body.events).toHaveLength(1);
  });

  it('answers users without permission with AccessDeniedException on identity routes', async () => {
    const erin = await ConsoleClient.signIn(server.url, 'erin', 'erin-password-1');
    const refused = await erin.request('POST', '/api/iam/users', { username: 'mallory', password: 'mallory-password' });
    expect(refused).toMatchObject({ status: 400, body: { __type: 'AccessDeniedException' } });
    expect((await erin.request('GET', '/api/me')).body).toMatchObject({ permissions: { viewFleet: true, createActivation: false, manageUsers: false } });
  });
});
