import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AddTagsToResourceCommand, RemoveTagsFromResourceCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { Agent } from '@/agent/agent';
import { collectMetadata } from '@/agent/metadata';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { newStateDir } from '../support/agents';
import { BOOTSTRAP_ENV, ssmClient } from '../support/aws';

interface Group {
  name: string;
  kind: string;
  memberCount: number;
  tagQuery: Record<string, string[]>;
  nodeIds: string[];
  arn: string;
}
interface ApiError {
  __type: string;
  message: string;
}

describe('resource groups: tag queries, static lists, targets and who may change them', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let ssm: SSMClient;
  // Registered with these tags; not connected (membership does not care whether a node is Online).
  const nodes = { webProd1: '', webProd2: '', dbProd: '', webDev: '' };

  const members = async (name: string, client = admin) => {
    const { status, body } = await client.request<{ nodes: { nodeId: string; pingStatus: string }[]; total: number }>('GET', `/api/resource-groups/${name}/members`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.total).toBe(body.nodes.length);
    return body.nodes.map((node) => node.nodeId).sort();
  };
  const resolve = (targets: unknown) => admin.request<{ nodeIds: string[] } & ApiError>('POST', '/api/resource-groups/targets/resolve', { targets });
  const sorted = (...ids: string[]) => [...ids].sort();
  const groupNames = async () => (await admin.request<{ groups: Group[] }>('GET', '/api/resource-groups')).body.groups.map((group) => group.name);

  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'resourcegroups'), env: BOOTSTRAP_ENV });
    admin = await ConsoleClient.signIn(server.url);
    ssm = ssmClient(server.url);
    const activation = await admin.createActivation({ registrationLimit: 10 });
    const register = async (name: string, tags: Record<string, string>) =>
      (await Agent.register({ serverUrl: server.url, ...activation, stateDir: newStateDir(), name, tags, metadata: collectMetadata() })).nodeId;
    nodes.webProd1 = await register('web-prod-1', { Environment: 'prod', Role: 'web' });
    nodes.webProd2 = await register('web-prod-2', { Environment: 'prod', Role: 'web' });
    nodes.dbProd = await register('db-prod', { Environment: 'prod', Role: 'db' });
    nodes.webDev = await register('web-dev', { Environment: 'dev', Role: 'web' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a tag-based group has the nodes matching every key (any of its values), and follows tag changes at once', async () => {
    const created = await admin.request<Group>('POST', '/api/resource-groups', {
      name: 'web-prod',
      description: 'production web servers',
      kind: 'TagQuery',
      tagQuery: { Environment: ['prod'], Role: ['web'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ name: 'web-prod', kind: 'TagQuery', memberCount: 2, tagQuery: { Environment: ['prod'], Role: ['web'] }, nodeIds: [] });
    expect(created.body.arn).toMatch(/^arn:opsdeck:resource-groups:us-east-1:\d{12}:group\/web-prod$/);
    expect(await members('web-prod')).toEqual(sorted(nodes.webProd1, nodes.webProd2));

    // Values of one key are alternatives.
    await admin.request('POST', '/api/resource-groups', { name: 'prod-web-or-db', kind: 'TagQuery', tagQuery: { Environment: ['prod'], Role: ['web', 'db'] } });
    expect(await members('prod-web-or-db')).toEqual(sorted(nodes.webProd1, nodes.webProd2, nodes.dbProd));

    // Tags changed through the SSM API move nodes in and out with no delay and no re-save.
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.dbProd, Tags: [{ Key: 'Role', Value: 'web' }] }));
    expect(await members('web-prod')).toEqual(sorted(nodes.webProd1, nodes.webProd2, nodes.dbProd));
    await ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.webProd1, TagKeys: ['Environment'] }));
    expect(await members('web-prod')).toEqual(sorted(nodes.webProd2, nodes.dbProd));

    // The list's counts are computed now too.
    const list = (await admin.request<{ groups: Group[]; canCreate: boolean }>('GET', '/api/resource-groups')).body;
    expect(list.canCreate).toBe(true);
    expect(list.groups.map((group) => [group.name, group.memberCount])).toEqual([
      ['prod-web-or-db', 2],
      ['web-prod', 2],
    ]);

    // Put the tags back for the tests below.
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.webProd1, Tags: [{ Key: 'Environment', Value: 'prod' }] }));
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.dbProd, Tags: [{ Key: 'Role', Value: 'db' }] }));
    expect(await members('web-prod')).toEqual(sorted(nodes.webProd1, nodes.webProd2));
  });

  it('a static group has exactly its listed nodes, whatever their tags, and refuses ids that are not nodes', async () => {
    const created = await admin.request<Group>('POST', '/api/resource-groups', { name: 'pinned', kind: 'Static', nodeIds: [nodes.webProd1, nodes.webDev, nodes.webDev] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ kind: 'Static', memberCount: 2, nodeIds: [nodes.webProd1, nodes.webDev], tagQuery: {} });
    await ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.webDev, TagKeys: ['Role', 'Environment'] }));
    expect(await members('pinned')).toEqual(sorted(nodes.webProd1, nodes.webDev));
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.webDev, Tags: [{ Key: 'Environment', Value: 'dev' }, { Key: 'Role', Value: 'web' }] }));

    const ghost = 'mi-00000000000000000';
    const refused = await admin.request<ApiError>('POST', '/api/resource-groups', { name: 'ghosts', kind: 'Static', nodeIds: [nodes.webProd1, ghost] });
    expect(refused).toMatchObject({ status: 400, body: { __type: 'InvalidInstanceId', message: `node ${ghost} is not a managed node` } });
    expect(await groupNames()).not.toContain('ghosts');
  });

  it('answers bad input with specific errors and saves nothing', async () => {
    const before = await groupNames();
    const cases: [unknown, string][] = [
      [{ name: 'bad name', kind: 'TagQuery', tagQuery: { A: ['b'] } }, 'name: the group name may contain letters, digits and . _ - only'],
      [{ name: 'AWS-things', kind: 'TagQuery', tagQuery: { A: ['b'] } }, 'name: group names beginning with "AWS" or "aws" are reserved'],
      [{ name: 'x'.repeat(301), kind: 'TagQuery', tagQuery: { A: ['b'] } }, 'name: the group name may have at most 300 characters'],
      [{ name: 'empty-query', kind: 'TagQuery', tagQuery: {} }, 'tagQuery: a tag query needs at least one tag key'],
      [{ name: 'no-values', kind: 'TagQuery', tagQuery: { Environment: [] } }, 'tagQuery.Environment: give each tag key at least one value'],
      [{ name: 'bad-key', kind: 'TagQuery', tagQuery: { 'Env!': ['x'] } }, 'tag keys may contain letters, digits, spaces and _.:/=+-@'],
      [{ name: 'no-kind', tagQuery: { A: ['b'] } }, "kind: a group is either 'TagQuery'"],
      [{ name: 'mixed', kind: 'TagQuery', tagQuery: { A: ['b'] }, nodeIds: [nodes.webDev] }, 'nodeIds is not used by a TagQuery group'],
      [{ name: 'empty-static', kind: 'Static', nodeIds: [] }, 'nodeIds: a static group needs at least one node id'],
      [{ name: 'bad-id', kind: 'Static', nodeIds: ['i-123'] }, 'nodeIds.0: a node id looks like mi-0123456789abcdef0'],
    ];
    for (const [input, message] of cases) {
      const { status, body } = await admin.request<ApiError>('POST', '/api/resource-groups', input);
      expect({ status, type: body.__type }, JSON.stringify(input).slice(0, 80)).toEqual({ status: 400, type: 'ValidationException' });
      expect(body.message).toContain(message);
    }
    const duplicate = await admin.request<ApiError>('POST', '/api/resource-groups', { name: 'web-prod', kind: 'Static', nodeIds: [nodes.webDev] });
    expect(duplicate).toMatchObject({ status: 409, body: { __type: 'ResourceGroupAlreadyExists', message: "a resource group named 'web-prod' already exists" } });
    expect((await admin.request<Group>('GET', '/api/resource-groups/web-prod')).body.kind).toBe('TagQuery');

    expect(await admin.request('GET', '/api/resource-groups/nope')).toMatchObject({ status: 404, body: { __type: 'ResourceGroupNotFound' } });
    expect(await admin.request('GET', '/api/resource-groups/nope/members')).toMatchObject({ status: 404, body: { __type: 'ResourceGroupNotFound' } });
    expect(await admin.request('GET', '/api/resource-groups/web-prod/members?pageSize=5000')).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });
    expect(await groupNames()).toEqual(before);
  });

  it('edits and deletes a group, and audits every change with who made it', async () => {
    await admin.request('POST', '/api/resource-groups', { name: 'changing', kind: 'TagQuery', tagQuery: { Role: ['web'] } });
    expect(await members('changing')).toEqual(sorted(nodes.webProd1, nodes.webProd2, nodes.webDev));

    const updated = await admin.request<Group>('PUT', '/api/resource-groups/changing', { kind: 'Static', nodeIds: [nodes.dbProd], description: 'now static' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ kind: 'Static', memberCount: 1, tagQuery: {}, nodeIds: [nodes.dbProd] });
    expect(await members('changing')).toEqual([nodes.dbProd]);
    const wrongShape = await admin.request<ApiError>('PUT', '/api/resource-groups/changing', { kind: 'Static', tagQuery: { Role: ['web'] } });
    expect(wrongShape).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });

    expect((await admin.request('DELETE', '/api/resource-groups/changing')).status).toBe(200);
    expect(await admin.request('GET', '/api/resource-groups/changing')).toMatchObject({ status: 404, body: { __type: 'ResourceGroupNotFound' } });
    expect(await admin.request('DELETE', '/api/resource-groups/changing')).toMatchObject({ status: 404, body: { __type: 'ResourceGroupNotFound' } });

    const audit = async (action: string) =>
      (await admin.request<{ events: { result: string; username: string; errorCode: string | null; resources: string[] }[] }>('GET', `/api/audit?action=${action}&pageSize=100`)).body.events;
    expect((await audit('CreateGroup')).filter((event) => event.resources.some((arn) => arn.endsWith(':group/changing')))).toEqual([
      expect.objectContaining({ result: 'Success', username: 'admin' }),
    ]);
    expect((await audit('UpdateGroup'))[0]).toMatchObject({ result: 'Success', username: 'admin' });
    expect((await audit('DeleteGroup')).map((event) => event.result)).toEqual(['Failure', 'Success']);
    // A refused static list is a failed change, recorded with its reason.
    expect((await audit('CreateGroup')).some((event) => event.result === 'Failure' && event.errorCode === 'InvalidInstanceId')).toBe(true);
    // Plain reads are not audited from the console.
    expect(await audit('ListGroupResources')).toEqual([]);
  });

  it('resolveTargets turns resource-groups:Name (and InstanceIds, tag:, tag-key) into node ids, AND-ing targets', async () => {
    expect((await resolve([{ Key: 'resource-groups:Name', Values: ['web-prod'] }])).body.nodeIds).toEqual(sorted(nodes.webProd1, nodes.webProd2));
    expect((await resolve([{ Key: 'resource-groups:Name', Values: ['prod-web-or-db'] }, { Key: 'tag:Role', Values: ['db'] }])).body.nodeIds).toEqual([nodes.dbProd]);
    expect((await resolve([{ Key: 'tag:Environment', Values: ['prod', 'dev'] }, { Key: 'tag:Role', Values: ['web'] }])).body.nodeIds).toEqual(
      sorted(nodes.webProd1, nodes.webProd2, nodes.webDev),
    );
    expect((await resolve([{ Key: 'InstanceIds', Values: [nodes.webDev, nodes.dbProd] }])).body.nodeIds).toEqual(sorted(nodes.webDev, nodes.dbProd));
    expect((await resolve([{ Key: 'tag-key', Values: ['Role'] }, { Key: 'tag:Role', Values: ['db'] }])).body.nodeIds).toEqual([nodes.dbProd]);

    // A group follows tags here too.
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: nodes.webDev, Tags: [{ Key: 'Environment', Value: 'prod' }] }));
    expect((await resolve([{ Key: 'resource-groups:Name', Values: ['web-prod'] }])).body.nodeIds).toEqual(sorted(nodes.webProd1, nodes.webProd2, nodes.webDev));

    // Deregistered nodes stay members (shown Inactive) but are never targets.
    expect((await admin.request('POST', `/api/nodes/${nodes.webDev}/deregister`)).status).toBe(200);
    expect((await resolve([{ Key: 'resource-groups:Name', Values: ['pinned'] }])).body.nodeIds).toEqual([nodes.webProd1]);
    expect(await members('pinned')).toEqual(sorted(nodes.webProd1, nodes.webDev));

    expect(await resolve([{ Key: 'resource-groups:Name', Values: ['missing'] }])).toMatchObject({ status: 404, body: { __type: 'ResourceGroupNotFound' } });
    expect(await resolve([{ Key: 'resource-groups:Name', Values: ['web-prod', 'pinned'] }])).toMatchObject({
      status: 400,
      body: { __type: 'ValidationException', message: 'target key resource-groups:Name takes exactly one group name, not 2' },
    });
    expect(await resolve([{ Key: 'Planet', Values: ['Mars'] }])).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: expect.stringContaining("unknown target key 'Planet'") } });
    expect(await resolve([{ Key: 'InstanceIds', Values: ['mi-00000000000000000'] }])).toMatchObject({ status: 400, body: { __type: 'InvalidInstanceId' } });
    expect(await resolve([])).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: expect.stringContaining('give at least one target') } });
  });

  it('authorises every action: ReadOnlyAccess cannot create a group; resource-level policies limit which groups', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'reader', password: 'reader-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'ReadOnlyAccess', principalType: 'user', principalName: 'reader' });
    const reader = await ConsoleClient.signIn(server.url, 'reader', 'reader-password-1');
    const refused = await reader.request<ApiError>('POST', '/api/resource-groups', { name: 'readers-group', kind: 'TagQuery', tagQuery: { Role: ['web'] } });
    expect(refused).toMatchObject({ status: 400, body: { __type: 'AccessDeniedException', message: expect.stringContaining('resource-groups:CreateGroup') } });
    expect(await reader.request('DELETE', '/api/resource-groups/web-prod')).toMatchObject({ status: 400, body: { __type: 'AccessDeniedException' } });
    expect(await reader.request('PUT', '/api/resource-groups/web-prod', { kind: 'Static', nodeIds: [nodes.dbProd] })).toMatchObject({ status: 400, body: { __type: 'AccessDeniedException' } });
    expect(await groupNames()).not.toContain('readers-group');
    expect(await members('web-prod')).toContain(nodes.webProd1);

    // Allowed only on groups named dev-*: the ARN decides.
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'resource-groups:*', Resource: 'arn:opsdeck:resource-groups:*:*:group/dev-*' },
        { Effect: 'Allow', Action: ['resource-groups:ListGroups', 'ssm:DescribeInstanceInformation'], Resource: '*' },
      ],
    });
    await admin.request('POST', '/api/iam/policies', { name: 'DevGroupsOnly', document });
    await admin.request('POST', '/api/iam/users', { username: 'devlead', password: 'devlead-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'DevGroupsOnly', principalType: 'user', principalName: 'devlead' });
    const devlead = await ConsoleClient.signIn(server.url, 'devlead', 'devlead-password-1');
    expect((await devlead.request('POST', '/api/resource-groups', { name: 'dev-web', kind: 'TagQuery', tagQuery: { Role: ['web'] } })).status).toBe(200);
    expect(await devlead.request('POST', '/api/resource-groups', { name: 'prod-web', kind: 'TagQuery', tagQuery: { Role: ['web'] } })).toMatchObject({
      status: 400,
      body: { __type: 'AccessDeniedException' },
    });
    expect((await devlead.request<{ permissions: { canUpdate: boolean; canDelete: boolean } }>('GET', '/api/resource-groups/dev-web')).body.permissions).toEqual({ canUpdate: true, canDelete: true });
    expect((await devlead.request('GET', '/api/resource-groups/web-prod')).body).toMatchObject({ __type: 'AccessDeniedException' });
    // Resolving a group as a target needs ListGroupResources on that group.
    const targets = [{ Key: 'resource-groups:Name', Values: ['web-prod'] }];
    expect(await devlead.request('POST', '/api/resource-groups/targets/resolve', { targets })).toMatchObject({ status: 400, body: { __type: 'AccessDeniedException' } });
    expect((await devlead.request('GET', '/api/resource-groups/dev-web/members')).status).toBe(200);
  });
});
