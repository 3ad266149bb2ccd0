import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { spawnTs, waitFor } from './processes';

/**
 * Vitest global setup: one real PostgreSQL (the embedded one the product ships) for the whole
 * run, in a child process (see postgres-process.ts); each integration test file gets a database
 * of its own from createTestDatabase.
 */
export default async function setup({ provide }: { provide: (key: 'postgresUrl', value: string) => void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-test-pg-'));
  fs.chmodSync(dir, 0o711);
  const postgres = spawnTs('e2e/support/postgres-process.ts', [dir]);
  const url = await waitFor(
    'the test PostgreSQL to start',
    async () => {
      if (postgres.child.exitCode !== null) throw new Error(`test PostgreSQL exited:\n${postgres.output()}`);
      const line = postgres.output().split('\n').find((text) => text.startsWith('{"url"'));
      return line ? (JSON.parse(line) as { url: string }).url : undefined;
    },
    60_000,
    100,
  );
  provide('postgresUrl', url);
  return async () => {
    postgres.child.kill('SIGTERM');
    await postgres.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

export async function createTestDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
