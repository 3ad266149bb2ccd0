/**
 * Fleet Manager at scale: 100,000 synthetic nodes bulk-inserted into a real embedded PostgreSQL,
 * the real server started against it, then server-side latency of the Fleet Manager list, its
 * filters and the dashboard aggregates, plus EXPLAIN ANALYZE of the key queries.
 *
 *   npx tsx bench/fleet-scale.ts                 # 100,000 nodes, 50 runs per scenario
 *   BENCH_NODES=20000 BENCH_RUNS=20 npx tsx bench/fleet-scale.ts
 *
 * Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { connectDatabase } from '../db/client';
import { findFreePort, startEmbeddedDatabase } from '../db/embedded';
import { ConsoleClient } from '../e2e/support/console-client';
import { startServer, type TestServer } from '../e2e/support/server';
import { setServerContext } from '../server/context';
import { parseFleetQuery } from '../server/fleet/filters';
import { explainNodeList } from '../server/fleet/service';
import { integerFromEnv, percentile } from './support/stats';

// ---------------------------------------------------------------------------------------------
// The synthetic fleet

/** Small deterministic PRNG (mulberry32), so every run seeds the same fleet. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPERATING_SYSTEMS: { type: 'Linux' | 'Windows' | 'MacOS'; name: string; versions: string[]; weight: number; kernel: string }[] = [
  { type: 'Linux', name: 'Ubuntu', versions: ['20.04', '22.04', '24.04'], weight: 30, kernel: '6.8.0-45-generic' },
  { type: 'Linux', name: 'Debian GNU/Linux', versions: ['11', '12'], weight: 15, kernel: '6.1.0-26-amd64' },
  { type: 'Linux', name: 'Amazon Linux', versions: ['2', '2023'], weight: 15, kernel: '6.1.109-118.189.amzn2023.x86_64' },
  { type: 'Linux', name: 'Red Hat Enterprise Linux', versions: ['8.10', '9.4'], weight: 10, kernel: '5.14.0-427.el9.x86_64' },
  { type: 'Linux', name: 'Rocky Linux', versions: ['8.10', '9.4'], weight: 8, kernel: '5.14.0-427.el9.x86_64' },
  { type: 'Linux', name: 'CentOS Linux', versions: ['7'], weight: 4, kernel: '3.10.0-1160.el7.x86_64' },
  { type: 'Windows', name: 'Microsoft Windows Server 2022 Datacenter', versions: ['10.0.20348'], weight: 8, kernel: '10.0.20348' },
  { type: 'Windows', name: 'Microsoft Windows Server 2019 Datacenter', versions: ['10.0.17763'], weight: 5, kernel: '10.0.17763' },
  { type: 'MacOS', name: 'macOS', versions: ['13.6', '14.7', '15.1'], weight: 5, kernel: '24.1.0' },
];
// 1.10.0 is newer than 1.9.2: version filters must compare numerically, not as text.
export const AGENT_VERSIONS = ['0.1.0', '0.9.3', '1.2.0', '1.9.2', '1.10.0', '1.10.1'];
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'dc-frankfurt', 'dc-paris', 'dc-dallas', 'site-lab', 'edge-store-12', 'edge-store-40'];
export const ACCOUNTS = Array.from({ length: 20 }, (_, i) => String(111111111111 + i * 7919));
const ENVIRONMENTS = ['prod', 'prod', 'prod', 'staging', 'dev'];
const TEAMS = ['payments', 'search', 'platform', 'data', 'identity', 'mobile', 'ads', 'infra', 'ml', 'support'];
const ROLES = ['web', 'api', 'db', 'cache', 'worker', 'batch', 'proxy', 'build'];

export interface SeedResult {
  nodes: number;
  ms: number;
}

/**
 * Inserts `count` varied nodes with multi-row inserts of 5,000 rows (one `unnest` of arrays per
 * column, one round trip per batch); then ANALYZE so the planner knows the new distribution.
 */
export async function seedFleet(pool: pg.Pool, count: number, seed = 4): Promise<SeedResult> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const totalWeight = OPERATING_SYSTEMS.reduce((sum, system) => sum + system.weight, 0);
  const pickOs = () => {
    let roll = random() * totalWeight;
    for (const system of OPERATING_SYSTEMS) if ((roll -= system.weight) < 0) return system;
    return OPERATING_SYSTEMS[0]!;
  };
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const started = performance.now();
  const now = Date.now();
  const usedIds = new Set<string>();
  const BATCH = 5_000;
  for (let offset = 0; offset < count; offset += BATCH) {
    const columns: Record<string, unknown[]> = {
      id: [], name: [], secret_hash: [], ping_status: [], last_ping_at: [], computer_name: [], ip_addresses: [], platform_type: [],
      platform_name: [], platform_version: [], kernel_version: [], architecture: [], agent_version: [], tags: [], region: [], account: [],
      registered_at: [], deregistered_at: [],
    };
    for (let i = offset; i < Math.min(count, offset + BATCH); i++) {
      let id: string;
      do id = `mi-${hex(17)}`;
      while (usedIds.has(id));
      usedIds.add(id);
      const system = pickOs();
      const region = pick(REGIONS);
      const role = pick(ROLES);
      const roll = random();
      const status = roll < 0.7 ? 'Online' : roll < 0.92 ? 'ConnectionLost' : 'Inactive';
      const registered = now - Math.floor(random() * 400 * 86_400_000);
      const lastPing = status === 'Online' ? now - Math.floor(random() * 10_000) : Math.max(registered, now - Math.floor(random() * 60 * 86_400_000));
      const octets = [10, REGIONS.indexOf(region) + 1, Math.floor(random() * 256), 1 + Math.floor(random() * 254)];
      const ips = [octets.join('.')];
      if (random() < 0.3) ips.push(`172.${16 + Math.floor(random() * 16)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`);
      if (random() < 0.2) ips.push(`fd00:${(REGIONS.indexOf(region) + 1).toString(16)}::${hex(4)}`);
      const tags: Record<string, string> = { Environment: pick(ENVIRONMENTS), Role: role };
      if (random() < 0.8) tags.Team = pick(TEAMS);
      if (random() < 0.4) tags.CostCenter = `cc-${1000 + Math.floor(random() * 60)}`;
      if (random() < 0.05) tags.PatchGroup = 'critical';
      columns.id!.push(id);
      columns.name!.push(`${role}-${region}-${String(i).padStart(6, '0')}`);
      columns.secret_hash!.push('0'.repeat(64));
      columns.ping_status!.push(status);
      columns.last_ping_at!.push(new Date(lastPing).toISOString());
      columns.computer_name!.push(system.type === 'Windows' ? `WIN-${hex(8).toUpperCase()}` : `ip-${octets.join('-')}.${region}.compute.internal`);
      columns.ip_addresses!.push(JSON.stringify(ips));
      columns.platform_type!.push(system.type);
      columns.platform_name!.push(system.name);
      columns.platform_version!.push(pick(system.versions));
      columns.kernel_version!.push(system.kernel);
      columns.architecture!.push(random() < 0.8 ? 'x86_64' : 'arm64');
      columns.agent_version!.push(pick(AGENT_VERSIONS));
      columns.tags!.push(JSON.stringify(tags));
      columns.region!.push(region);
      columns.account!.push(pick(ACCOUNTS));
      columns.registered_at!.push(new Date(registered).toISOString());
      columns.deregistered_at!.push(status === 'Inactive' ? new Date(lastPing).toISOString() : null);
    }
    const types: Record<string, string> = { last_ping_at: 'timestamptz', registered_at: 'timestamptz', deregistered_at: 'timestamptz', ip_addresses: 'jsonb', tags: 'jsonb' };
    const names = Object.keys(columns);
    await pool.query(
      `insert into managed_nodes (${names.join(', ')}) select * from unnest(${names.map((name, index) => `$${index + 1}::${types[name] ?? 'text'}[]`).join(', ')})`,
      names.map((name) => columns[name]),
    );
  }
  await pool.query('analyze managed_nodes');
  return { nodes: count, ms: Math.round(performance.now() - started) };
}

// ---------------------------------------------------------------------------------------------
// The run

const FORBIDDEN_PORTS = new Set([3000, 3210, 3231, 3232, 3233]);
const WATCHDOG_MS = 20 * 60_000;

/** What is timed: the Fleet Manager list with the filters operators use most, and the dashboard. */
const SCENARIOS: { name: string; path: string; target: number }[] = [
  { name: 'list_first_page', path: '/api/nodes', target: 50 },
  { name: 'three_filters', path: '/api/nodes?status=ConnectionLost&os=Ubuntu&tag=Environment%3Dprod', target: 50 },
  { name: 'tag_filter', path: '/api/nodes?tag=Team%3Dsearch', target: 50 },
  { name: 'free_text', path: '/api/nodes?q=web-eu', target: 50 },
  { name: 'cidr', path: '/api/nodes?cidr=10.3.0.0%2F16', target: 50 },
  { name: 'dashboard_summary', path: '/api/nodes/summary', target: 200 },
];
/** Measured too, without a target: the less common shapes. */
const EXTRA_SCENARIOS: { name: string; path: string }[] = [
  { name: 'sort_last_seen_desc', path: '/api/nodes?sort=lastPingDateTime&order=desc' },
  { name: 'agent_older_than', path: '/api/nodes?agentOlderThan=1.10' },
  { name: 'ip_prefix_text', path: '/api/nodes?q=10.3.1' },
  { name: 'short_text', path: '/api/nodes?q=db' },
  { name: 'region_sorted_by_agent', path: '/api/nodes?region=eu-west-1&sort=agentVersion' },
  { name: 'deep_page', path: '/api/nodes?page=1000&pageSize=100' },
  { name: 'page_of_1000', path: '/api/nodes?pageSize=1000' },
  { name: 'nothing_matches', path: '/api/nodes?q=zzzz&status=Online' },
];
const EXPLAINED = ['list_first_page', 'three_filters', 'tag_filter', 'free_text', 'cidr', 'agent_older_than', 'sort_last_seen_desc'];

const started = performance.now();
const log = (message: string) => process.stderr.write(`[bench +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

const round = (value: number) => Number(value.toFixed(1));

async function freePort(): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (!FORBIDDEN_PORTS.has(port)) return port;
  }
}

/** One signed-in GET, timed from request to the last byte of the body, as the browser waits for it. */
async function timedGet(client: ConsoleClient, url: string): Promise<{ ms: number; body: { total?: number } }> {
  const sent = performance.now();
  const response = await fetch(`${client.baseUrl}${url}`, { headers: { cookie: client.cookie } });
  const text = await response.text();
  const ms = performance.now() - sent;
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as { total?: number } };
}

async function measure(client: ConsoleClient, url: string, runs: number) {
  for (let i = 0; i < 5; i++) await timedGet(client, url); // warm: route compiled, caches hot
  const samples: number[] = [];
  let total: number | undefined;
  for (let i = 0; i < runs; i++) {
    const { ms, body } = await timedGet(client, url);
    samples.push(ms);
    total = body.total;
  }
  return { p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), max_ms: round(Math.max(...samples)), ...(total === undefined ? {} : { matched: total }) };
}

/** Streams the CSV export of the whole fleet and counts its lines. */
async function timeExport(client: ConsoleClient): Promise<{ ms: number; rows: number }> {
  const sent = performance.now();
  const response = await fetch(`${client.baseUrl}/api/nodes/export`, { headers: { cookie: client.cookie } });
  if (!response.ok || !response.body) throw new Error(`export: HTTP ${response.status}`);
  let rows = -1; // the header line
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (const byte of chunk) if (byte === 10) rows++;
  }
  return { ms: Math.round(performance.now() - sent), rows };
}

async function run() {
  const nodeCount = integerFromEnv('BENCH_NODES', 100_000, 100, 1_000_000);
  const runs = integerFromEnv('BENCH_RUNS', 50, 5, 1000);
  const cleanups: (() => Promise<void>)[] = [];
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  let server: TestServer | undefined;
  try {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-scale-'));
    // Embedded PostgreSQL runs as the 'postgres' user when we are root: it must traverse this.
    fs.chmodSync(root, 0o711);
    cleanups.push(async () => fs.rmSync(root, { recursive: true, force: true }));
    log(`starting embedded PostgreSQL in ${root}`);
    const database = await startEmbeddedDatabase(path.join(root, 'db'));
    cleanups.push(() => database.stop());

    const port = await freePort();
    log(`starting the server on 127.0.0.1:${port} (it applies the migrations)`);
    // The synthetic Online nodes send no heartbeats: the longest heartbeat period (300 s, so 15 min
    // of silence) keeps the server's sweep from marking 70,000 of them lost in the middle of the run.
    server = await startServer({ databaseUrl: database.url, port, dataDir: path.join(root, 'server'), env: { OPSDECK_HEARTBEAT_SECONDS: '300' } });
    const running = server;
    cleanups.push(() => running.stop());

    const { db, pool } = connectDatabase(database.url);
    cleanups.push(() => pool.end());
    log(`inserting ${nodeCount.toLocaleString('en')} nodes`);
    const seeded = await seedFleet(pool, nodeCount);
    // What autovacuum does soon after a bulk load anyway; it sets the visibility map that lets
    // counts read only indexes.
    await pool.query('vacuum analyze managed_nodes');
    const size = await pool.query<{ heap: string; total: string }>(
      "select pg_size_pretty(pg_relation_size('managed_nodes')) as heap, pg_size_pretty(pg_total_relation_size('managed_nodes')) as total",
    );
    log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s; table ${size.rows[0]!.heap}, with indexes ${size.rows[0]!.total}`);

    const client = await ConsoleClient.signIn(server.url);
    const scenarios: Record<string, unknown> = {};
    const targetsMet: Record<string, boolean> = {};
    for (const scenario of SCENARIOS) {
      log(`measuring ${scenario.name}: ${scenario.path}`);
      const result = await measure(client, scenario.path, runs);
      scenarios[scenario.name] = { ...result, target_p50_ms: scenario.target };
      targetsMet[scenario.name] = result.p50_ms <= scenario.target;
    }
    const extra: Record<string, unknown> = {};
    for (const scenario of EXTRA_SCENARIOS) {
      log(`measuring ${scenario.name}: ${scenario.path}`);
      extra[scenario.name] = await measure(client, scenario.path, Math.min(runs, 20));
    }
    log('exporting the whole fleet as CSV');
    const csvExport = await timeExport(client);

    // EXPLAIN ANALYZE of exactly the statements listNodes runs, from this process.
    setServerContext({ db, region: 'us-east-1', accountId: '000000000000', masterKey: Buffer.alloc(32), heartbeatSeconds: 5, broadcast() {}, disconnectConsoleSessions() {}, disconnectAgent() {} });
    const explain: Record<string, unknown> = {};
    for (const name of EXPLAINED) {
      const url = [...SCENARIOS, ...EXTRA_SCENARIOS].find((scenario) => scenario.name === name)!.path;
      const { sort, order, page, pageSize, ...filters } = parseFleetQuery(new URL(url, 'http://x').searchParams);
      const report = await explainNodeList({ filters, sort, order, limit: pageSize, offset: (page - 1) * pageSize });
      explain[name] = {
        strategy: report.strategy,
        statements: report.statements.map((statement) => ({
          name: statement.name,
          execution_ms: round(statement.executionMs),
          indexes: statement.indexes,
          seq_scans: statement.seqScans,
        })),
      };
      if (process.env.BENCH_PLANS === '1') for (const statement of report.statements) log(`plan of ${name} / ${statement.name}:\n${statement.plan}`);
    }

    return {
      nodes: nodeCount,
      runs_per_scenario: runs,
      cpus: os.cpus().length,
      seed: { ms: seeded.ms, table: size.rows[0]!.heap, table_with_indexes: size.rows[0]!.total },
      scenarios,
      targets_met: targetsMet,
      extra,
      csv_export_all: csvExport,
      explain,
    };
  } catch (error) {
    if (server) log(`server output (end):\n${server.process.output().slice(-3000)}`);
    throw error;
  } finally {
    clearTimeout(watchdog);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => log(`clean-up failed: ${error.message}`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run()
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    })
    .catch((error: Error) => {
      log(`failed: ${error.stack ?? error.message}`);
      process.exit(1);
    });
}
