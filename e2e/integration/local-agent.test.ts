import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { waitFor } from '../support/processes';

describe('the server machine enrolled as a node at start', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let nodeId: string;

  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'local_agent'), env: { OPSDECK_LOCAL_AGENT: '1' } });
    admin = await ConsoleClient.signIn(server.url);
    const [node] = await waitFor('the local node Online', async () => {
      const nodes = await admin.nodes();
      return nodes.length === 1 && nodes[0]!.pingStatus === 'Online' && nodes;
    }, 30_000);
    nodeId = node!.nodeId;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('serves files of the machine, but never the server data dir (master key, database), whatever the policy', async () => {
    const hostname = await admin.request<{ content: string }>('GET', `/api/nodes/${nodeId}/files/content?path=/etc/hostname`);
    expect(hostname.status).toBe(200);
    expect(hostname.body.content).toBe(fs.readFileSync('/etc/hostname', 'utf8'));

    const masterKeyPath = path.join(server.dataDir, 'master.key');
    const masterKey = fs.readFileSync(masterKeyPath, 'utf8').trim();
    for (const route of ['files/content', 'files/download']) {
      const response = await fetch(`${server.url}/api/nodes/${nodeId}/${route}?${new URLSearchParams({ path: masterKeyPath })}`, { headers: { cookie: admin.cookie } });
      const text = await response.text();
      expect(response.status, route).toBe(400);
      expect(JSON.parse(text).__type).toBe('ProtectedPath');
      expect(text).not.toContain(masterKey);
    }
  });
});
