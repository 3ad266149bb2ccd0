import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '@/db/embedded';
import { spawnTs, waitFor, type Env, type RunningProcess } from './processes';

export const TEST_ADMIN_PASSWORD = 'correct-horse-battery';

export interface ServerOptions {
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  env?: Env;
}

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  process: RunningProcess;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `server/cli/start.ts` as a real process (the built console must exist) and waits for health. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const port = options.port ?? (await findFreePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-test-'));
  const env: Env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    OPSDECK_DATA_DIR: dataDir,
    OPSDECK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    OPSDECK_LOCAL_AGENT: '0',
    // The default inventory association would add runs to every test's command lists; inventory tests ask for it.
    OPSDECK_DEFAULT_INVENTORY: '0',
    OPSDECK_SKIP_BUILD: '1',
    OPSDECK_HEARTBEAT_SECONDS: '2',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const running = spawnTs('server/cli/start.ts', [], env);
  const url = `http://127.0.0.1:${port}`;
  const exitedEarly = running.exited.then((code) => {
    throw new Error(`the server exited (code ${code}) during start`);
  });
  const healthy = waitFor(`the server on ${url} to be healthy`, async () => (await fetch(`${url}/api/health`)).ok, 90_000);
  await Promise.race([healthy, exitedEarly]).catch((error: Error) => {
    running.child.kill('SIGKILL');
    void healthy.catch(() => {});
    throw new Error(`${error.message}\n--- server output ---\n${running.output()}`);
  });
  return {
    url,
    port,
    dataDir,
    process: running,
    async kill() {
      running.child.kill('SIGKILL');
      await running.exited;
    },
    async stop() {
      if (running.child.exitCode !== null || running.child.signalCode !== null) return;
      running.child.kill('SIGTERM');
      await running.exited;
    },
  };
}
