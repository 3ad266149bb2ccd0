/**
 * SSM API throughput: SigV4-signed AWS JSON 1.1 calls against the real server and a real
 * embedded PostgreSQL, from BENCH_CONNECTIONS keep-alive connections (a separate load process,
 * bench/support/signed-load.ts) for BENCH_SECONDS per operation.
 *
 *   npx tsx bench/api-throughput.ts                           # 50 connections, 15 s per operation
 *   BENCH_CONNECTIONS=16 BENCH_SECONDS=30 npx tsx bench/api-throughput.ts
 *   BENCH_CPU_PROFILE=/tmp/prof npx tsx bench/api-throughput.ts # + the server's CPU profile per operation
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from '../agent/agent';
import { collectMetadata } from '../agent/metadata';
import { startEmbeddedDatabase } from '../db/embedded';
import { BOOTSTRAP_ENV, BOOTSTRAP_KEY } from '../e2e/support/aws';
import { ConsoleClient } from '../e2e/support/console-client';
import { waitFor } from '../e2e/support/processes';
import { startServer } from '../e2e/support/server';
import { cpuSecondsOf, postgresCpuSeconds, rssMb } from './support/proc';
import { runSignedLoad, type SignedLoadResult, type SsmCall } from './support/signed-load';
import { integerFromEnv } from './support/stats';

const CONNECTIONS = integerFromEnv('BENCH_CONNECTIONS', 50, 1, 1000);
const SECONDS = integerFromEnv('BENCH_SECONDS', 15, 1, 3600);
const NODES = 50; // registered (not connected) nodes the describe call has to list
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

const PROFILER = path.join(import.meta.dirname, 'support', 'cpu-profile-on-signal.mjs');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface Scenario {
  name: string;
  requests: SsmCall[];
}

type ScenarioResult = SignedLoadResult & {
  server_cpu_cores: number;
  server_cpu_us_per_request: number;
  postgres_cpu_cores: number;
  postgres_cpu_us_per_request: number;
  client_cpu_cores: number;
};

/** The preloaded profiler writes `<n>.cpuprofile` on every second SIGUSR2; it is renamed after the scenario. */
async function saveProfile(serverPid: number, count: number, name: string): Promise<void> {
  process.kill(serverPid, 'SIGUSR2');
  const written = path.join(PROFILE_DIR!, `${count}.cpuprofile`);
  await waitFor(`the server's CPU profile ${written}`, async () => fs.existsSync(written), 30_000, 100);
  fs.renameSync(written, path.join(PROFILE_DIR!, `${name}.cpuprofile`));
}

async function measure(url: string, serverPid: number, clusterDir: string, scenario: Scenario, index: number): Promise<ScenarioResult> {
  log(`${scenario.name}: ${CONNECTIONS} connections for ${SECONDS}s (+1s warm-up)`);
  // CPU is sampled over the whole run (warm-up included) and divided by its length.
  const before = { server: cpuSecondsOf(serverPid), postgres: postgresCpuSeconds(clusterDir), at: Date.now() };
  if (PROFILE_DIR) process.kill(serverPid, 'SIGUSR2');
  const result = await runSignedLoad({ url, connections: CONNECTIONS, seconds: SECONDS, requests: scenario.requests, ...BOOTSTRAP_KEY });
  if (PROFILE_DIR) await saveProfile(serverPid, index + 1, scenario.name);
  const wallSeconds = (Date.now() - before.at) / 1000;
  const cores = (seconds: number) => Number((seconds / wallSeconds).toFixed(2));
  const serverCores = cores(cpuSecondsOf(serverPid) - before.server);
  const postgresCores = cores(postgresCpuSeconds(clusterDir) - before.postgres);
  const perRequestUs = (coresUsed: number) => (result.throughput_per_s > 0 ? Math.round((coresUsed / result.throughput_per_s) * 1e6) : 0);
  return {
    ...result,
    server_cpu_cores: serverCores,
    server_cpu_us_per_request: perRequestUs(serverCores),
    postgres_cpu_cores: postgresCores,
    postgres_cpu_us_per_request: perRequestUs(postgresCores),
    client_cpu_cores: Number((result.client_cpu_seconds / SECONDS).toFixed(2)),
  };
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-api-'));
  fs.chmodSync(root, 0o711);
  const pgDir = path.join(root, 'pg');
  const database = await startEmbeddedDatabase(pgDir);
  if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const server = await startServer({
    databaseUrl: database.url,
    env: { ...BOOTSTRAP_ENV, ...(PROFILE_DIR ? { NODE_OPTIONS: `--import ${PROFILER}`, CPU_PROFILE_DIR: PROFILE_DIR } : {}) },
  });
  const serverPid = server.process.child.pid!;
  try {
    const admin = await ConsoleClient.signIn(server.url);
    const activation = await admin.createActivation({ registrationLimit: NODES });
    log(`registering ${NODES} nodes`);
    const nodeIds: string[] = [];
    for (let index = 0; index < NODES; index += 1) {
      const registration = await Agent.register({ serverUrl: server.url, ...activation, stateDir: path.join(root, `agent-${index}`), metadata: collectMetadata() });
      nodeIds.push(registration.nodeId);
    }
    const idleRss = rssMb(serverPid);
    const clusterDir = path.join(pgDir, 'postgres');
    const scenarios: Scenario[] = [
      { name: 'describe_instance_information', requests: [{ operation: 'DescribeInstanceInformation', body: { MaxResults: 50 } }] },
      {
        name: 'list_tags_for_resource',
        requests: nodeIds.map((nodeId) => ({ operation: 'ListTagsForResource', body: { ResourceType: 'ManagedInstance', ResourceId: nodeId } })),
      },
      { name: 'create_activation_audited_write', requests: [{ operation: 'CreateActivation', body: { IamRole: 'bench', RegistrationLimit: 1 } }] },
    ];
    const results: Record<string, ScenarioResult> = {};
    for (const [index, scenario] of scenarios.entries()) results[scenario.name] = await measure(server.url, serverPid, clusterDir, scenario, index);
    const result = {
      benchmark: 'api-throughput',
      connections: CONNECTIONS,
      seconds_per_operation: SECONDS,
      nodes: NODES,
      cpus: os.cpus().length,
      ...results,
      server_rss_mb: { idle: idleRss, after: rssMb(serverPid) },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
    await database.stop();
    fs.rmSync(root, { recursive: true, force: true });
    if (PROFILE_DIR) log(`server CPU profiles in ${PROFILE_DIR} (npx tsx bench/support/profile-summary.ts <file>)`);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
