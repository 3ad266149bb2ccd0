import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Agent } from '@/agent/agent';
import type { NodeMetadata } from '@/agent/protocol';
import type { Registration } from '@/agent/state';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { newStateDir } from '../support/agents';
import { waitFor } from '../support/processes';

interface Dashboard {
  total: number;
  byPingStatus: Record<string, number>;
  byOs: { name: string | null; version: string | null; count: number }[];
  byAgentVersion: { value: string | null; count: number; isOutdated: boolean }[];
  newestAgentVersion: string | null;
  outdatedAgentCount: number;
  byPlatformType: { value: string | null; count: number }[];
  byRegion: { value: string | null; count: number }[];
  byAccount: { value: string | null; count: number }[];
}

const metadata = (platformType: NodeMetadata['platformType'], platformName: string, platformVersion: string, agentVersion: string): NodeMetadata => ({
  computerName: `${platformName}-${platformVersion}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
  platformType,
  platformName,
  platformVersion,
  kernelVersion: '6.1.0',
  architecture: 'x86_64',
  ipAddresses: ['10.0.0.1'],
  agentVersion,
});

describe('dashboard aggregates on a known fleet', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  const agents: Agent[] = [];
  const registered: Record<string, Registration> = {};
  const summary = async (client = admin) => {
    const { status, body } = await client.request<Dashboard>('GET', '/api/nodes/summary');
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  };

  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'dashboard') });
    admin = await ConsoleClient.signIn(server.url);
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.stop()));
    await server?.stop();
  });

  it('an empty fleet is all zeros, with no newest agent version', async () => {
    expect(await summary()).toEqual({
      total: 0,
      byPingStatus: { Online: 0, ConnectionLost: 0, Inactive: 0 },
      byOs: [],
      byAgentVersion: [],
      newestAgentVersion: null,
      outdatedAgentCount: 0,
      byPlatformType: [],
      byRegion: [],
      byAccount: [],
    });
  });

  it('counts by status, OS and version, agent version (outdated by release order, not text), platform, region and account', async () => {
    const eu = await admin.createActivation({ registrationLimit: 10, region: 'eu-west-1', account: '111111111111' });
    const unassigned = await admin.createActivation({ registrationLimit: 10 });
    const fleet: [string, typeof eu, NodeMetadata][] = [
      ['ubuntu-a', eu, metadata('Linux', 'Ubuntu', '22.04', '1.10.0')],
      ['ubuntu-b', eu, metadata('Linux', 'Ubuntu', '22.04', '1.9.3')],
      ['ubuntu-c', eu, metadata('Linux', 'Ubuntu', '24.04', '1.10.0')],
      ['debian', unassigned, metadata('Linux', 'Debian GNU/Linux', '12', '1.2.0')],
      // Same release as 1.10.0 in Fleet Manager's version order (the suffix is ignored): not outdated.
      ['mac', unassigned, metadata('MacOS', 'macOS', '14.5', '1.10.0-beta')],
    ];
    for (const [name, activation, nodeMetadata] of fleet) {
      registered[name] = await Agent.register({ serverUrl: server.url, activationId: activation.activationId, activationCode: activation.activationCode, stateDir: newStateDir(), name, metadata: nodeMetadata });
    }

    const data = await summary();
    expect(data.total).toBe(5);
    // Registered but never connected: every node starts ConnectionLost.
    expect(data.byPingStatus).toEqual({ Online: 0, ConnectionLost: 5, Inactive: 0 });
    expect(data.byOs[0]).toEqual({ name: 'Ubuntu', version: '22.04', count: 2 });
    expect(data.byOs).toHaveLength(4);
    expect(data.byOs).toEqual(
      expect.arrayContaining([
        { name: 'Ubuntu', version: '24.04', count: 1 },
        { name: 'Debian GNU/Linux', version: '12', count: 1 },
        { name: 'macOS', version: '14.5', count: 1 },
      ]),
    );
    // Newest first by release order: text order would put 1.9.3 above 1.10.0.
    expect(data.byAgentVersion).toEqual([
      { value: '1.10.0', count: 2, isOutdated: false },
      { value: '1.10.0-beta', count: 1, isOutdated: false },
      { value: '1.9.3', count: 1, isOutdated: true },
      { value: '1.2.0', count: 1, isOutdated: true },
    ]);
    expect(data.newestAgentVersion).toBe('1.10.0');
    expect(data.outdatedAgentCount).toBe(2);
    expect(data.byPlatformType).toEqual([
      { value: 'Linux', count: 4 },
      { value: 'MacOS', count: 1 },
    ]);
    expect(data.byRegion).toEqual([
      { value: 'eu-west-1', count: 3 },
      { value: null, count: 2 },
    ]);
    expect(data.byAccount).toEqual([
      { value: '111111111111', count: 3 },
      { value: null, count: 2 },
    ]);
  });

  it('follows the fleet: a node connecting, a newer agent, a deregistration', async () => {
    // ubuntu-b's agent comes up upgraded to 2.0.0: now everything else is outdated.
    const agent = new Agent(registered['ubuntu-b']!, () => metadata('Linux', 'Ubuntu', '22.04', '2.0.0'));
    agents.push(agent);
    agent.start();
    const online = await waitFor('ubuntu-b Online on the dashboard', async () => {
      const data = await summary();
      return data.byPingStatus.Online === 1 && data;
    }, 30_000);
    expect(online.byPingStatus).toEqual({ Online: 1, ConnectionLost: 4, Inactive: 0 });
    expect(online.newestAgentVersion).toBe('2.0.0');
    expect(online.outdatedAgentCount).toBe(4);
    expect(online.byAgentVersion.map((entry) => [entry.value, entry.count, entry.isOutdated])).toEqual([
      ['2.0.0', 1, false],
      ['1.10.0', 2, true],
      ['1.10.0-beta', 1, true],
      ['1.2.0', 1, true],
    ]);

    expect((await admin.request('POST', `/api/nodes/${registered.debian!.nodeId}/deregister`)).status).toBe(200);
    const after = await summary();
    expect(after.byPingStatus).toEqual({ Online: 1, ConnectionLost: 3, Inactive: 1 });
    // Deregistered nodes are still counted where they were, as Fleet Manager still lists them.
    expect(after.total).toBe(5);
  });

  it('is authorised like listing the fleet, and not audited as a plain read', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'nobody', password: 'nobody-password-1' });
    const nobody = await ConsoleClient.signIn(server.url, 'nobody', 'nobody-password-1');
    expect(await nobody.request('GET', '/api/nodes/summary')).toMatchObject({
      status: 400,
      body: { __type: 'AccessDeniedException', message: expect.stringContaining('ssm:DescribeInstanceInformation') },
    });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'ReadOnlyAccess', principalType: 'user', principalName: 'nobody' });
    expect((await summary(nobody)).total).toBe(5);

    const audited = await admin.request<{ events: { username: string; result: string }[] }>('GET', '/api/audit?action=DescribeInstanceInformation&pageSize=100');
    // A console read of the dashboard leaves no audit record (it would be one per node change per viewer).
    expect(audited.body.events.filter((event) => event.result === 'Success')).toEqual([]);
  });
});
