import { afterAll, describe, expect, inject, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { newStateDir, registerAgentProcess, startAgentProcess } from '../support/agents';
import { waitFor, type RunningProcess } from '../support/processes';

describe('a server killed with SIGKILL while agents are connected', () => {
  const agents: RunningProcess[] = [];
  let server: TestServer | undefined;

  afterAll(async () => {
    for (const agent of agents) agent.child.kill('SIGKILL');
    await server?.stop();
  });

  it('comes back with nothing lost, and the agents reconnect by themselves within 30 s', async () => {
    const databaseUrl = await createTestDatabase(inject('postgresUrl'), 'restart');
    server = await startServer({ databaseUrl });
    let client = await ConsoleClient.signIn(server.url);
    const activation = await client.createActivation({ registrationLimit: 2 });
    const nodeIds: string[] = [];
    for (const name of ['db-1', 'db-2']) {
      const stateDir = newStateDir();
      const registered = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir, name });
      expect(registered.code, registered.output).toBe(0);
      nodeIds.push(registered.nodeId!);
      agents.push(startAgentProcess(stateDir));
    }
    await waitFor('both Online', async () => (await client.nodes()).filter((n) => n.pingStatus === 'Online').length === 2, 30_000);

    await server.kill();
    const { port, dataDir } = server;
    // The agents outlive the server and keep trying.
    expect(agents.every((agent) => agent.child.exitCode === null)).toBe(true);

    server = await startServer({ databaseUrl, port, dataDir });
    const restartedAt = Date.now();
    client = await ConsoleClient.signIn(server.url);
    await waitFor(
      'both agents Online after the restart',
      async () => {
        const nodes = await client.nodes();
        return nodeIds.every((id) => nodes.find((node) => node.nodeId === id)?.pingStatus === 'Online');
      },
      30_000,
    );
    expect(Date.now() - restartedAt).toBeLessThan(30_000);

    const nodes = await client.nodes();
    expect(nodes.map((node) => node.name).sort()).toEqual(['db-1', 'db-2']);
    const { body } = await client.request<{ activations: { activationId: string; registrationsCount: number }[] }>('GET', '/api/activations');
    expect(body.activations).toContainEqual(expect.objectContaining({ activationId: activation.activationId, registrationsCount: 2 }));
  });
});
