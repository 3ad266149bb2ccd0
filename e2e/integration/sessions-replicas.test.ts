import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newStateDir, registerAgentProcess, startAgentProcess } from '../support/agents';
import { BOOTSTRAP_ENV } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { waitFor, type RunningProcess } from '../support/processes';
import { startTestRedis } from '../support/redis';
import { startServer, type TestServer } from '../support/server';
import { SessionTerminal } from '../support/session-terminal';
import { createTestDatabase } from '../support/test-postgres';

const NEXT_DIST = process.env.OPSDECK_NEXT_DIST;

/**
 * Two replicas behind one PostgreSQL and one Redis: the browser on replica A, the node's agent
 * connected to replica B. A relays the session; rooms carry input to the agent through B, and B
 * passes the agent's output back to A.
 */
describe('Session Manager across two replicas', () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let replicaA: TestServer;
  let replicaB: TestServer;
  let agent: RunningProcess;
  let nodeId: string;
  let admin: ConsoleClient;
  let terminal: SessionTerminal;

  beforeAll(async () => {
    redis = await startTestRedis();
    const databaseUrl = await createTestDatabase(inject('postgresUrl'), 'sessions_replicas');
    const env = { ...BOOTSTRAP_ENV, REDIS_URL: redis.url, OPSDECK_MASTER_KEY: randomBytes(32).toString('base64'), ...(NEXT_DIST ? { OPSDECK_NEXT_DIST: NEXT_DIST } : {}) };
    replicaA = await startServer({ databaseUrl, env });
    replicaB = await startServer({ databaseUrl, env });
    admin = await ConsoleClient.signIn(replicaA.url);
    const activation = await admin.createActivation();
    const stateDir = newStateDir();
    nodeId = (await registerAgentProcess({ serverUrl: replicaB.url, ...activation, stateDir, name: 'replica-node' })).nodeId!;
    agent = startAgentProcess(stateDir);
    await waitFor('the node online', async () => (await admin.pingStatusOf(nodeId)) === 'Online', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n--- agent ---\n${agent.output()}\n--- replica B ---\n${replicaB.process.output().slice(-3000)}`);
    });
    terminal = new SessionTerminal(replicaA.url, admin.cookie);
    await terminal.connected();
  });

  afterAll(async () => {
    terminal?.close();
    agent?.child.kill('SIGTERM');
    await agent?.exited;
    await replicaA?.stop();
    await replicaB?.stop();
    await redis?.stop();
  });

  it('runs a shell relayed by one replica on a node connected to the other, and ends it from either', async () => {
    const sessionId = await terminal.open(nodeId, { cols: 100, rows: 30 });
    terminal.type(sessionId, 'echo $((6*7)); stty size\r');
    await terminal.waitForText(sessionId, /[\r\n]42\r\n30 100\r\n/);
    terminal.resize(sessionId, 120, 40);
    terminal.type(sessionId, 'stty size\r');
    await terminal.waitForText(sessionId, '40 120');
    // Flow control across replicas: a few MB of output arrive whole and in order.
    terminal.type(sessionId, 'head -c 3000000 /dev/zero | tr "\\\\0" y; echo; echo end-$((1+1))\r');
    await terminal.waitForText(sessionId, 'end-2', 60_000);
    expect(terminal.text(sessionId).split('y').length - 1).toBeGreaterThanOrEqual(3_000_000);
    // Terminate through the other replica's console API: it passes the request on.
    const adminOnB = await ConsoleClient.signIn(replicaB.url);
    expect((await adminOnB.request('POST', `/api/sessions/${sessionId}/terminate`)).status).toBe(200);
    expect(await terminal.waitForEnd(sessionId)).toMatchObject({ status: 'Terminated', reason: 'terminated by admin' });
    const recording = await fetch(`${replicaA.url}/api/sessions/${sessionId}/recording`, { headers: { cookie: admin.cookie } });
    const cast = await recording.text();
    expect(cast).toContain('42\\r\\n');
    expect(cast).toContain('40 120');
  });
});
