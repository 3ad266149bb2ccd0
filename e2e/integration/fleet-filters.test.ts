import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Agent } from '@/agent/agent';
import type { NodeMetadata } from '@/agent/protocol';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { waitFor } from '../support/processes';

/**
 * A small fleet whose every attribute is known, so that each Fleet Manager filter (and some
 * combinations) can be checked against exactly the nodes it must return. Nodes register through
 * real activations with the metadata an agent would report; what registration cannot set (last
 * seen times, a per-node region) is written straight into the database.
 */
interface Spec {
  name: string;
  activation: 'prod' | 'dev' | 'none';
  tags?: Record<string, string>;
  os: [NodeMetadata['platformType'], string, string];
  agent: string;
  ips: string[];
  computerName?: string;
  lastSeen?: string;
}

const FLEET: Spec[] = [
  { name: 'web-1', activation: 'prod', tags: { Role: 'web' }, os: ['Linux', 'Ubuntu', '22.04'], agent: '1.10.0', ips: ['10.1.0.5'] },
  { name: 'web-2', activation: 'prod', tags: { Role: 'web' }, os: ['Linux', 'Ubuntu', '24.04'], agent: '1.9.2', ips: ['10.1.0.6', 'fd00:1::6'], lastSeen: '2025-01-10T00:00:00Z' },
  { name: 'db-1', activation: 'prod', tags: { Role: 'db' }, os: ['Linux', 'Debian GNU/Linux', '12'], agent: '1.2.0', ips: ['10.2.0.5'], lastSeen: '2025-03-01T00:00:00Z' },
  { name: 'db-2', activation: 'dev', tags: { Role: 'db' }, os: ['Linux', 'Debian GNU/Linux', '12'], agent: '1.10.1', ips: ['192.168.5.10'] },
  { name: 'cache-1', activation: 'dev', tags: { Role: 'cache', Team: '' }, os: ['Linux', 'Amazon Linux', '2023'], agent: '0.9.3', ips: ['172.16.4.2', '10.1.99.1'], lastSeen: '2024-12-01T00:00:00Z' },
  { name: 'win-1', activation: 'dev', os: ['Windows', 'Microsoft Windows Server 2022 Datacenter', '10.0.20348'], agent: '1.10.0', ips: ['10.3.0.7'], lastSeen: '2025-05-20T00:00:00Z' },
  { name: 'mac-1', activation: 'none', os: ['MacOS', 'macOS', '14.7'], agent: '1.2.0', ips: ['fd00:2::1'] },
  // A name that needs CSV quoting; an agent version with a suffix; an address that is not one.
  { name: 'build-1 "blue", rack 4', activation: 'none', tags: { Role: 'build' }, os: ['Linux', 'Ubuntu', '22.04'], agent: '1.10.0-beta', ips: ['not-an-ip', '10.4.4.4'], lastSeen: '2025-02-15T00:00:00Z' },
  { name: 'edge-1', activation: 'none', tags: { Site: 'store 12' }, os: ['Linux', 'Rocky Linux', '9.4'], agent: 'custom', ips: ['10.1.0.100'], computerName: 'store-host-12', lastSeen: '2025-04-01T00:00:00Z' },
  { name: 'web-3', activation: 'prod', tags: { Role: 'web' }, os: ['Linux', 'Ubuntu', '22.04'], agent: '1.10.0', ips: ['10.1.0.7'], lastSeen: '2025-01-01T00:00:00Z' },
  { name: 'db-3', activation: 'dev', tags: { Role: 'db', Environment: 'staging' }, os: ['Linux', 'Debian GNU/Linux', '11'], agent: '1.9.2', ips: ['10.2.1.1'], lastSeen: '2025-06-15T00:00:00Z' },
  // A spreadsheet would run a cell starting with @ as a formula.
  { name: '@api-1', activation: 'none', os: ['Linux', 'Ubuntu', '24.04'], agent: '1.10.1', ips: ['10.9.0.1'], lastSeen: '2025-03-20T00:00:00Z' },
];
const ONLINE = ['web-1', 'db-2'];
const ALL = FLEET.map((spec) => spec.name);

interface ListedNode {
  nodeId: string;
  name: string;
  agentVersion: string | null;
}

describe('Fleet Manager filters: each filter and combinations return exactly the right nodes', () => {
  let server: TestServer;
  let client: ConsoleClient;
  let database: pg.Client;
  const idOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  const agents: Agent[] = [];

  /** The names GET /api/nodes returns for a query string (one page of up to 1000). */
  async function names(search: string): Promise<string[]> {
    const { status, body } = await client.request<{ nodes: ListedNode[]; total: number }>('GET', `/api/nodes?pageSize=1000&${search}`);
    expect(status, `${search}: ${JSON.stringify(body)}`).toBe(200);
    expect(body.total, search).toBe(body.nodes.length);
    return body.nodes.map((node) => nameOf.get(node.nodeId) ?? node.nodeId);
  }

  const expectNodes = async (search: string, expected: string[]) => expect((await names(search)).sort(), search).toEqual([...expected].sort());

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase(inject('postgresUrl'), 'fleet_filters');
    server = await startServer({ databaseUrl });
    client = await ConsoleClient.signIn(server.url);
    database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();

    const activations = {
      prod: await client.createActivation({ registrationLimit: 10, region: 'eu-west-1', account: '111111111111', tags: { Environment: 'prod' } }),
      dev: await client.createActivation({ registrationLimit: 10, region: 'us-east-1', account: '222222222222', tags: { Environment: 'dev' } }),
      none: await client.createActivation({ registrationLimit: 10 }),
    };
    const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-filters-'));
    for (const spec of FLEET) {
      const metadata: NodeMetadata = {
        computerName: spec.computerName ?? `${spec.name.split(' ')[0]}.example.internal`,
        platformType: spec.os[0],
        platformName: spec.os[1],
        platformVersion: spec.os[2],
        kernelVersion: '6.1.0',
        architecture: 'x86_64',
        ipAddresses: spec.ips,
        agentVersion: spec.agent,
      };
      const stateDir = path.join(stateRoot, String(idOf.size));
      const registration = await Agent.register({ serverUrl: server.url, ...activations[spec.activation], stateDir, name: spec.name, tags: spec.tags, metadata });
      idOf.set(spec.name, registration.nodeId);
      nameOf.set(registration.nodeId, spec.name);
      if (ONLINE.includes(spec.name)) {
        const agent = new Agent(registration, () => metadata);
        agents.push(agent);
        agent.start();
      }
    }
    // What registration cannot set: when nodes were last seen, and a region/account given per node.
    for (const spec of FLEET) {
      if (spec.lastSeen) await database.query('update managed_nodes set last_ping_at = $2 where id = $1', [idOf.get(spec.name), spec.lastSeen]);
    }
    await database.query(`update managed_nodes set region = 'ap-southeast-2', account = '333333333333' where id = $1`, [idOf.get('@api-1')]);
    await database.query(
      `insert into resource_groups (name, kind, tag_query, node_ids) values ('db-servers', 'TagQuery', '{"Role":["db"]}', '[]'), ('pets', 'Static', '{}', $1)`,
      [JSON.stringify([idOf.get('web-1'), idOf.get('mac-1')])],
    );
    expect((await client.request('POST', `/api/nodes/${idOf.get('web-3')}/deregister`)).status).toBe(200);
    await waitFor('the two agents Online', async () => (await names('status=Online')).length === 2, 30_000);
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.stop()));
    await database?.end();
    await server?.stop();
  });

  it('filters by ping status, platform, OS name and OS version', async () => {
    await expectNodes('', ALL);
    await expectNodes('status=Online', ONLINE);
    await expectNodes('status=Inactive', ['web-3']);
    await expectNodes('status=ConnectionLost', ALL.filter((name) => !ONLINE.includes(name) && name !== 'web-3'));
    await expectNodes('status=Online,Inactive', [...ONLINE, 'web-3']);
    await expectNodes('platform=Windows', ['win-1']);
    await expectNodes('platform=MacOS,Windows', ['mac-1', 'win-1']);
    await expectNodes('os=Ubuntu', ['web-1', 'web-2', 'build-1 "blue", rack 4', 'web-3', '@api-1']);
    await expectNodes(`os=${encodeURIComponent('Debian GNU/Linux')}`, ['db-1', 'db-2', 'db-3']);
    await expectNodes('os=Ubuntu&osVersion=22.04', ['web-1', 'build-1 "blue", rack 4', 'web-3']);
    await expectNodes('osVersion=12,11', ['db-1', 'db-2', 'db-3']);
  });

  it('filters by agent version exactly, and by "older than" comparing numbers, not text', async () => {
    await expectNodes('agent=1.10.0', ['web-1', 'win-1', 'web-3']);
    // As text, "1.9.2" > "1.10"; as versions it is older. 1.10.0-beta counts as 1.10.0; "custom" has no number.
    await expectNodes('agentOlderThan=1.10', ['web-2', 'db-3', 'db-1', 'mac-1', 'cache-1']);
    await expectNodes('agentOlderThan=1.2.0', ['cache-1']);
    await expectNodes('agentOlderThan=1.10.1', ['web-2', 'db-3', 'db-1', 'mac-1', 'cache-1', 'web-1', 'win-1', 'web-3', 'build-1 "blue", rack 4']);
  });

  it('filters by region and account, from the activation or set per node', async () => {
    await expectNodes('region=eu-west-1', ['web-1', 'web-2', 'db-1', 'web-3']);
    await expectNodes('region=us-east-1,ap-southeast-2', ['db-2', 'cache-1', 'win-1', 'db-3', '@api-1']);
    await expectNodes('account=222222222222', ['db-2', 'cache-1', 'win-1', 'db-3']);
    await expectNodes('account=333333333333', ['@api-1']);
  });

  it('filters by tags: key=value, several ANDed, and key= for "has the key"', async () => {
    await expectNodes('tag=Environment%3Dprod', ['web-1', 'web-2', 'db-1', 'web-3']);
    await expectNodes('tag=Role%3Ddb', ['db-1', 'db-2', 'db-3']);
    // The node's own tag wins over its activation's.
    await expectNodes('tag=Role%3Ddb&tag=Environment%3Ddev', ['db-2']);
    await expectNodes('tag=Site%3D', ['edge-1']);
    await expectNodes('tag=Site%3Dstore%2012', ['edge-1']);
    await expectNodes('tag=Team%3D', ['cache-1']);
    await expectNodes('tag=Role%3D&tag=Environment%3D', ['web-1', 'web-2', 'db-1', 'db-2', 'cache-1', 'web-3', 'db-3']);
  });

  it('filters by resource group (tag query or static), and names a group that does not exist', async () => {
    await expectNodes('group=db-servers', ['db-1', 'db-2', 'db-3']);
    await expectNodes('group=pets', ['web-1', 'mac-1']);
    const missing = await client.request('GET', '/api/nodes?group=no-such-group');
    expect(missing).toMatchObject({ status: 404, body: { __type: 'ResourceGroupNotFound', message: expect.stringContaining("'no-such-group'") } });
  });

  it('filters by CIDR against any of the node addresses, IPv4 and IPv6', async () => {
    await expectNodes('cidr=10.1.0.0/16', ['web-1', 'web-2', 'cache-1', 'edge-1', 'web-3']);
    await expectNodes('cidr=10.1.0.0/24', ['web-1', 'web-2', 'edge-1', 'web-3']);
    await expectNodes('cidr=10.1.0.4/30', ['web-1', 'web-2', 'web-3']);
    await expectNodes('cidr=10.0.0.0/8', ['web-1', 'web-2', 'db-1', 'cache-1', 'win-1', 'build-1 "blue", rack 4', 'edge-1', 'web-3', 'db-3', '@api-1']);
    await expectNodes('cidr=172.16.0.0/12', ['cache-1']);
    await expectNodes('cidr=192.168.5.10', ['db-2']);
    await expectNodes('cidr=0.0.0.0/0', ALL.filter((name) => name !== 'mac-1'));
    await expectNodes(`cidr=${encodeURIComponent('fd00::/16')}`, ['web-2', 'mac-1']);
    await expectNodes(`cidr=${encodeURIComponent('fc00::/7')}`, ['web-2', 'mac-1']);
    await expectNodes(`cidr=${encodeURIComponent('fd00:1::/32')}`, ['web-2']);
    await expectNodes(`cidr=${encodeURIComponent('fd00:1::/40')}`, ['web-2']);
    await expectNodes(`cidr=${encodeURIComponent('fd00:2::1/128')}`, ['mac-1']);
  });

  it('searches free text in name, node id and computer name, and as an address prefix', async () => {
    await expectNodes('q=web', ['web-1', 'web-2', 'web-3']);
    await expectNodes('q=WEB-2', ['web-2']);
    await expectNodes(`q=${idOf.get('db-3')!.slice(3, 12)}`, ['db-3']);
    await expectNodes('q=store-host', ['edge-1']);
    await expectNodes('q=10.1.0', ['web-1', 'web-2', 'edge-1', 'web-3']);
    await expectNodes('q=10.1.0.10', ['edge-1']);
    await expectNodes('q=192.', ['db-2']);
    await expectNodes(`q=${encodeURIComponent('fd00:2')}`, ['mac-1']);
    // LIKE wildcards are text here, not patterns.
    await expectNodes('q=%25', []);
    await expectNodes('q=_', []);
  });

  it('filters by last seen before and after', async () => {
    await expectNodes('seenBefore=2025-02-01T00:00:00Z', ['cache-1', 'web-2', 'web-3']);
    await expectNodes('seenAfter=2025-05-01T00:00:00Z', ['win-1', 'db-3', ...ONLINE]);
    await expectNodes('seenAfter=2025-01-05T00:00:00Z&seenBefore=2025-03-05T00:00:00Z', ['web-2', 'db-1', 'build-1 "blue", rack 4']);
  });

  it('combines filters with AND', async () => {
    await expectNodes(`status=ConnectionLost&os=${encodeURIComponent('Debian GNU/Linux')}&tag=Environment%3Dprod`, ['db-1']);
    await expectNodes('region=us-east-1&tag=Role%3Ddb&agentOlderThan=1.10', ['db-3']);
    await expectNodes('q=web&status=ConnectionLost', ['web-2']);
    await expectNodes('cidr=10.0.0.0/8&platform=Windows', ['win-1']);
    await expectNodes('group=db-servers&seenBefore=2025-04-01T00:00:00Z', ['db-1']);
  });

  it('says which filter matched nothing when the combination is empty', async () => {
    const { body } = await client.request<{ total: number; filterCounts: { param: string; value: string; count: number }[] }>('GET', '/api/nodes?status=Online&os=macOS&region=nowhere');
    expect(body.total).toBe(0);
    expect(body.filterCounts).toEqual([
      { param: 'status', value: 'Online', count: 2 },
      { param: 'os', value: 'macOS', count: 1 },
      { param: 'region', value: 'nowhere', count: 0 },
    ]);
  });

  it('sorts on the server with a stable tiebreak, and pages without overlap', async () => {
    const byVersion = (await client.request<{ nodes: ListedNode[] }>('GET', '/api/nodes?sort=agentVersion&pageSize=1000')).body.nodes.map((node) => node.agentVersion);
    expect(byVersion).toEqual(['0.9.3', '1.2.0', '1.2.0', '1.9.2', '1.9.2', expect.stringMatching(/^1\.10\.0/), expect.stringMatching(/^1\.10\.0/), expect.stringMatching(/^1\.10\.0/), expect.stringMatching(/^1\.10\.0/), '1.10.1', '1.10.1', 'custom']);
    // Names sort as PostgreSQL's collation sorts them; descending is the exact reverse.
    const collated = (await database.query<{ name: string }>('select name from managed_nodes order by name, id')).rows.map((row) => row.name);
    expect(await names('sort=name')).toEqual(collated);
    expect(await names('sort=name&order=desc')).toEqual([...collated].reverse());
    const pages: string[] = [];
    for (const page of [1, 2, 3]) {
      const { body } = await client.request<{ nodes: ListedNode[]; total: number }>('GET', `/api/nodes?sort=region&pageSize=5&page=${page}`);
      expect(body.total).toBe(12);
      pages.push(...body.nodes.map((node) => node.nodeId));
    }
    expect(pages).toHaveLength(12);
    expect(new Set(pages).size).toBe(12);
  });

  it('answers bad filters with 400 ValidationException naming the parameter', async () => {
    const cases: [string, string][] = [
      ['cidr=10.0.0/8', "cidr: '10.0.0/8' is not a CIDR block"],
      ['seenBefore=yesterday', "seenBefore: 'yesterday' is not an ISO timestamp"],
      ['status=Sleeping', "status: 'Sleeping' is not a ping status"],
      ['agentOlderThan=latest', "agentOlderThan: 'latest' is not a version"],
      ['tag=Environment', "tag: 'Environment' is not key=value"],
      ['sort=secret_hash', "sort: 'secret_hash' is not a sort column"],
      ['pageSize=5000', 'pageSize: the page size is at most 1000'],
      ['stauts=Online', 'stauts: not a Fleet Manager filter'],
    ];
    for (const [search, message] of cases) {
      const { status, body } = await client.request<{ __type: string; message: string }>('GET', `/api/nodes?${search}`);
      expect(status, search).toBe(400);
      expect(body.__type, search).toBe('ValidationException');
      expect(body.message, search).toContain(message);
    }
  });

  it('exports the filtered set as CSV, every page, quoted, in the chosen columns, and audits it', async () => {
    const response = await fetch(`${server.url}/api/nodes/export?os=Ubuntu&sort=name&pageSize=1&columns=name,nodeId,tags`, { headers: { cookie: client.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Name,Node ID,Tags');
    // pageSize does not limit an export; names sort as PostgreSQL's collation sorts them.
    expect(lines).toHaveLength(6);
    expect(lines).toContain(`"build-1 ""blue"", rack 4",${idOf.get('build-1 "blue", rack 4')},Role=build`);
    expect(lines).toContain(`'@api-1,${idOf.get('@api-1')},`);
    expect(lines).toContain(`web-1,${idOf.get('web-1')},Environment=prod; Role=web`);

    const refused = await client.request<{ __type: string; message: string }>('GET', '/api/nodes/export?columns=name,secretHash');
    expect(refused).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: expect.stringContaining("columns: 'secretHash' is not a column") } });

    const audit = await client.request<{ events: { action: string; result: string; requestParameters: { filters: string; columns: string[] } }[] }>('GET', '/api/audit?action=ExportNodes');
    expect(audit.body.events[0]).toMatchObject({ result: 'Success', requestParameters: { filters: 'os=Ubuntu', columns: ['name', 'nodeId', 'tags'] } });
  });

  it('keeps saved filters per user: create, list, refuse duplicates and bad queries, delete only your own', async () => {
    const created = await client.request<{ savedFilter: { id: string; name: string; query: string } }>('POST', '/api/saved-filters', { name: 'Lost prod Debian', query: '?tag=Environment%3Dprod&status=connectionlost&os=Debian GNU/Linux' });
    expect(created.status).toBe(200);
    // Stored in the canonical form, ready to apply.
    expect(created.body.savedFilter).toMatchObject({ name: 'Lost prod Debian', query: 'status=ConnectionLost&os=Debian+GNU%2FLinux&tag=Environment%3Dprod' });
    await expectNodes(created.body.savedFilter.query, ['db-1']);

    const duplicate = await client.request('POST', '/api/saved-filters', { name: 'Lost prod Debian', query: 'status=Online' });
    expect(duplicate).toMatchObject({ status: 400, body: { __type: 'ResourceAlreadyExistsException' } });
    const invalid = await client.request<{ message: string }>('POST', '/api/saved-filters', { name: 'Broken', query: 'cidr=10.0.0/8' });
    expect(invalid).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });
    expect(invalid.body.message).toContain("cidr: '10.0.0/8' is not a CIDR block");

    await client.request('POST', '/api/iam/users', { username: 'olga', password: 'olga-password-1' });
    await client.request('POST', '/api/iam/attachments', { policyName: 'AdministratorAccess', principalType: 'user', principalName: 'olga' });
    const olga = await ConsoleClient.signIn(server.url, 'olga', 'olga-password-1');
    expect((await olga.request<{ savedFilters: unknown[] }>('GET', '/api/saved-filters')).body.savedFilters).toEqual([]);
    const stolen = await olga.request('DELETE', `/api/saved-filters/${created.body.savedFilter.id}`);
    expect(stolen).toMatchObject({ status: 404, body: { __type: 'ResourceNotFoundException' } });

    const listed = await client.request<{ savedFilters: { id: string; name: string }[] }>('GET', '/api/saved-filters');
    expect(listed.body.savedFilters.map((filter) => filter.name)).toEqual(['Lost prod Debian']);
    expect((await client.request('DELETE', `/api/saved-filters/${created.body.savedFilter.id}`)).status).toBe(200);
    expect((await client.request<{ savedFilters: unknown[] }>('GET', '/api/saved-filters')).body.savedFilters).toEqual([]);
    const audit = await client.request<{ events: { action: string; username: string }[] }>('GET', '/api/audit?action=DeleteSavedFilter');
    expect(audit.body.events.map((event) => event.username)).toEqual(['admin', 'olga']);
  });
});
