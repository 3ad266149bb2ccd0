import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@/db/embedded';
import { startServer, type TestServer } from '../support/server';
import { waitFor } from '../support/processes';

describe('GET /api/health', () => {
  let database: EmbeddedDatabase | undefined;
  let server: TestServer | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-health-pg-'));
  fs.chmodSync(dir, 0o711);

  afterAll(async () => {
    await server?.stop();
    await database?.stop();
  });

  it('says ok, then 503 with the reason while the database is down, then ok again when it is back', async () => {
    database = await startEmbeddedDatabase(dir);
    server = await startServer({ databaseUrl: database.url });
    const health = async () => {
      const response = await fetch(`${server!.url}/api/health`);
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } });

    await database.stop();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', db: 'down', reason: expect.stringContaining('database unreachable') });

    database = await startEmbeddedDatabase(dir);
    await waitFor('health ok after the database returns', async () => (await health()).status === 200, 20_000);
  });
});
