import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { newStateDir, registerAgentProcess, startAgentProcess } from '../support/agents';
import { waitFor, type RunningProcess } from '../support/processes';

// Product promise: a dropped node is ConnectionLost within 30 s.
const OFFLINE_THRESHOLD_MS = 30_000;

describe('fleet: enrolment through activations and live presence of real agents', () => {
  let server: TestServer;
  let client: ConsoleClient;
  let activation: { activationId: string; activationCode: string };
  const fleet: { nodeId: string; stateDir: string; process: RunningProcess }[] = [];

  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'fleet') });
    client = await ConsoleClient.signIn(server.url);
    activation = await client.createActivation({ registrationLimit: 3, tags: { Environment: 'dev' } });
  });

  afterAll(async () => {
    for (const agent of fleet) agent.process.child.kill('SIGKILL');
    await server?.stop();
  });

  it('registers three agents with separate state dirs and shows all three Online', async () => {
    for (const index of [0, 1, 2]) {
      const stateDir = newStateDir();
      const registered = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir, name: `web-${index}`, tags: `Role=web${index}` });
      expect(registered.code, registered.output).toBe(0);
      expect(registered.nodeId).toMatch(/^mi-[0-9a-f]{17}$/);
      // The node secret is a credential: only its owner may read it.
      expect(fs.statSync(path.join(stateDir, 'registration.json')).mode & 0o777).toBe(0o600);
      fleet.push({ nodeId: registered.nodeId!, stateDir, process: startAgentProcess(stateDir) });
    }
    expect(new Set(fleet.map((agent) => agent.nodeId)).size).toBe(3);

    const nodes = await waitFor(
      'three Online nodes',
      async () => {
        const listed = await client.nodes();
        return fleet.every((agent) => listed.find((node) => node.nodeId === agent.nodeId)?.pingStatus === 'Online') && listed;
      },
      30_000,
    );
    const first = nodes.find((node) => node.nodeId === fleet[0]!.nodeId)!;
    expect(first.name).toBe('web-0');
    // Activation tags and the agent's own tags both land on the node.
    expect(first.tags).toEqual({ Environment: 'dev', Role: 'web0' });
  });

  it('refuses a registration past the activation limit, naming the limit', async () => {
    const refused = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir: newStateDir() });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('registration limit of 3');
  });

  it('refuses a wrong activation code and an unknown activation id', async () => {
    const wrongCode = await registerAgentProcess({ serverUrl: server.url, activationId: activation.activationId, activationCode: 'not-the-code', stateDir: newStateDir() });
    expect(wrongCode.code).toBe(1);
    expect(wrongCode.output).toContain('InvalidActivation: the activation code or id is not valid');

    const audit = await client.request<{ events: { result: string; errorCode: string; sourceIp: string }[] }>('GET', '/api/audit?action=RegisterManagedInstance&result=Failure');
    expect(audit.body.events[0]).toMatchObject({ errorCode: 'InvalidActivation', sourceIp: '127.0.0.1' });

    const unknownId = await registerAgentProcess({ serverUrl: server.url, activationId: '00000000-0000-4000-8000-000000000000', activationCode: activation.activationCode, stateDir: newStateDir() });
    expect(unknownId.code).toBe(1);
    expect(unknownId.output).toContain('InvalidActivation');
  });

  it('refuses an expired activation', async () => {
    const shortLived = await client.createActivation({ expirationDate: new Date(Date.now() + 1500).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const refused = await registerAgentProcess({ serverUrl: server.url, ...shortLived, stateDir: newStateDir() });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/expired on/);
  });

  it('marks a killed agent ConnectionLost within 30 s, then Online again under the same id when it restarts', async () => {
    const victim = fleet[0]!;
    victim.process.child.kill('SIGKILL');
    const lostAfter = Date.now();
    await waitFor('ConnectionLost', async () => (await client.pingStatusOf(victim.nodeId)) === 'ConnectionLost', OFFLINE_THRESHOLD_MS);
    expect(Date.now() - lostAfter).toBeLessThan(OFFLINE_THRESHOLD_MS);
    // The others are unaffected.
    expect(await client.pingStatusOf(fleet[1]!.nodeId)).toBe('Online');

    victim.process = startAgentProcess(victim.stateDir);
    await waitFor('Online again', async () => (await client.pingStatusOf(victim.nodeId)) === 'Online', 30_000);
    expect((await client.nodes()).length).toBe(3);
  });

  it('finds a frozen agent (half-open connection) by its missed heartbeats, and recovers when it resumes', async () => {
    const frozen = fleet[1]!;
    frozen.process.child.kill('SIGSTOP'); // socket stays open, agent says nothing
    try {
      await waitFor('ConnectionLost of a silent node', async () => (await client.pingStatusOf(frozen.nodeId)) === 'ConnectionLost', OFFLINE_THRESHOLD_MS);
    } finally {
      frozen.process.child.kill('SIGCONT');
    }
    await waitFor('Online after resuming', async () => (await client.pingStatusOf(frozen.nodeId)) === 'Online', 30_000);
  });

  it('refuses a forged node id the server never issued', async () => {
    const stateDir = newStateDir();
    const forged = { serverUrl: server.url, nodeId: `mi-${randomBytes(9).toString('hex').slice(0, 17)}`, secret: randomBytes(32).toString('base64url'), registeredAt: new Date().toISOString() };
    fs.writeFileSync(path.join(stateDir, 'registration.json'), JSON.stringify(forged), { mode: 0o600 });
    const agent = startAgentProcess(stateDir);
    expect(await agent.exited).toBe(2);
    expect(agent.output()).toContain(`NodeNotRegistered: node ${forged.nodeId} was never registered here`);
    expect((await client.nodes()).some((node) => node.nodeId === forged.nodeId)).toBe(false);
  });

  it('refuses a real node id presented with a stolen-but-wrong secret', async () => {
    const stateDir = newStateDir();
    const real = JSON.parse(fs.readFileSync(path.join(fleet[2]!.stateDir, 'registration.json'), 'utf8'));
    fs.writeFileSync(path.join(stateDir, 'registration.json'), JSON.stringify({ ...real, secret: randomBytes(32).toString('base64url') }), { mode: 0o600 });
    const agent = startAgentProcess(stateDir);
    expect(await agent.exited).toBe(2);
    expect(agent.output()).toContain('InvalidNodeCredentials');
    expect(await client.pingStatusOf(fleet[2]!.nodeId)).toBe('Online');
  });

  it('deregistering a node disconnects its agent for good and shows it Inactive', async () => {
    const target = fleet[2]!;
    const { status } = await client.request('POST', `/api/nodes/${target.nodeId}/deregister`);
    expect(status).toBe(200);
    expect(await target.process.exited).toBe(2);
    expect(target.process.output()).toContain('NodeDeregistered');
    expect(await client.pingStatusOf(target.nodeId)).toBe('Inactive');
  });

  it('answers bad console input with a specific error and no record', async () => {
    const before = (await client.request<{ activations: unknown[] }>('GET', '/api/activations')).body.activations.length;
    const { status, body } = await client.request('POST', '/api/activations', { registrationLimit: 5000, tags: { 'bad key!': 'x' } });
    expect(status).toBe(400);
    expect(body).toMatchObject({ __type: 'ValidationException' });
    expect(JSON.stringify(body)).toContain('registrationLimit: the registration limit is at most 1000');
    expect((await client.request<{ activations: unknown[] }>('GET', '/api/activations')).body.activations.length).toBe(before);

    const missing = await client.request('GET', '/api/nodes/mi-00000000000000000');
    expect(missing).toMatchObject({ status: 404, body: { __type: 'InvalidInstanceId' } });
  });

  it('requires a session for every console API', async () => {
    for (const route of ['/api/nodes', '/api/activations', '/api/nodes/summary']) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(401);
    }
    const page = await fetch(`${server.url}/fleet`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/login');
  });
});
