/**
 * Fleet presence benchmark: a real embedded PostgreSQL, the real server process and a simulated
 * fleet of real `Agent`s hosted in this process. Measures enrolment, time to Online, offline
 * detection (socket closed / half-open) and the server's memory per connected agent.
 *
 *   npx tsx bench/fleet-presence.ts            # 200 agents
 *   BENCH_AGENTS=500 npx tsx bench/fleet-presence.ts
 *
 * Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, type AgentRefusedError } from '../agent/agent';
import type { Registration } from '../agent/state';
import { findFreePort, startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded';
import { registerAgentProcess, startAgentProcess } from '../e2e/support/agents';
import { ConsoleClient } from '../e2e/support/console-client';
import type { RunningProcess } from '../e2e/support/processes';
import { startServer, type TestServer } from '../e2e/support/server';
import { integerFromEnv, percentile } from './support/stats';

// ---------------------------------------------------------------------------------------------
// Settings

const MAX_AGENTS = 1000; // an activation's registration limit is at most 1000
const HEARTBEAT_SECONDS = 5; // the product default
const PAGE_SIZE = 500; // the API's largest page
const POLL_MS = 250;
const WAIT_MS = 120_000; // every wait is bounded by this
const WATCHDOG_MS = 20 * 60_000; // the whole run
const HALF_OPEN_AGENTS = 3;
const FORBIDDEN_PORTS = new Set([3000, 3210]);

// ---------------------------------------------------------------------------------------------
// Small helpers

const started = performance.now();
function log(message: string): void {
  process.stderr.write(`[bench +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with `what` when the promise has not settled within `ms`. */
async function within<T>(what: string, promise: Promise<T>, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

function summary(samples: number[]) {
  return {
    p50_ms: round(samples.length ? percentile(samples, 50) : null),
    p99_ms: round(samples.length ? percentile(samples, 99) : null),
    max_ms: round(samples.length ? Math.max(...samples) : null),
  };
}

/** Resident set size of a process in KiB, from /proc/<pid>/status. */
function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (!FORBIDDEN_PORTS.has(port)) return port;
  }
}

// ---------------------------------------------------------------------------------------------
// Console API: every node's ping status, paging through /api/nodes

interface NodesPage {
  nodes: { nodeId: string; pingStatus: string }[];
  total: number;
}

const listLatencies: number[] = [];

async function pingStatuses(client: ConsoleClient): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let page = 1; ; page++) {
    const sent = performance.now();
    const { status, body } = await client.request<NodesPage>('GET', `/api/nodes?pageSize=${PAGE_SIZE}&page=${page}`);
    listLatencies.push(performance.now() - sent);
    if (status !== 200) throw new Error(`GET /api/nodes page ${page}: HTTP ${status} ${JSON.stringify(body)}`);
    for (const node of body.nodes) statuses.set(node.nodeId, node.pingStatus);
    if (body.nodes.length < PAGE_SIZE || statuses.size >= body.total) return statuses;
  }
}

/**
 * Polls the console API every POLL_MS until every node in `since` shows `wanted`; returns, per
 * node, the ms from its own start time to the reply of the first poll that showed it. `onPoll`
 * sees every poll (to watch the rest of the fleet). `since` may still be filling while this runs
 * (nodes are then `expected` in all).
 */
async function timeUntilStatus(
  client: ConsoleClient,
  since: Map<string, number>,
  wanted: string,
  what: string,
  onPoll: (statuses: Map<string, string>) => void = () => {},
  expected = since.size,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const deadline = performance.now() + WAIT_MS;
  let lastError: unknown;
  while (found.size < expected) {
    if (performance.now() > deadline) {
      const pending = [...since.keys()].filter((nodeId) => !found.has(nodeId));
      throw new Error(
        `timed out after ${WAIT_MS} ms waiting for ${what}: ${expected - found.size} of ${expected} nodes never showed ${wanted}` +
          ` (e.g. ${pending.slice(0, 3).join(', ')})${lastError ? `; last error: ${String(lastError)}` : ''}`,
      );
    }
    const pollStart = performance.now();
    try {
      const statuses = await pingStatuses(client);
      const now = performance.now();
      for (const [nodeId, t0] of since) {
        if (!found.has(nodeId) && statuses.get(nodeId) === wanted) found.set(nodeId, now - t0);
      }
      onPoll(statuses);
    } catch (error) {
      lastError = error;
    }
    await sleep(Math.max(0, POLL_MS - (performance.now() - pollStart)));
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The run

interface SimulatedAgent {
  index: number;
  agent: Agent;
  stopped: boolean;
}

const cleanups: { what: string; run: () => Promise<void> | void }[] = [];
let serverOutput: () => string = () => '';
let cleaning: Promise<void> | undefined;

/** Runs the clean-ups once, newest first; every caller waits for the same run. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const { what, run } of cleanups.reverse()) {
      try {
        await within(what, Promise.resolve().then(run), 60_000);
      } catch (error) {
        log(`clean-up '${what}' failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // Embedded PostgreSQL runs as the 'postgres' user when we are root: it must traverse this.
  fs.chmodSync(dir, 0o711);
  cleanups.push({ what: `remove ${dir}`, run: () => fs.rmSync(dir, { recursive: true, force: true }) });
  return dir;
}

async function run() {
  const agentCount = integerFromEnv('BENCH_AGENTS', 200, 1, MAX_AGENTS);
  const registerConcurrency = integerFromEnv('BENCH_REGISTER_CONCURRENCY', 8, 1, 64);
  log(`${agentCount} in-process agents, ${HALF_OPEN_AGENTS} agent processes, heartbeat ${HEARTBEAT_SECONDS} s, ${os.cpus().length} CPUs`);

  // 1. Database and server ----------------------------------------------------------------------
  const dbDir = makeTempDir('opsdeck-bench-db-');
  const workDir = makeTempDir('opsdeck-bench-');
  log(`starting embedded PostgreSQL in ${dbDir}`);
  const database: EmbeddedDatabase = await within('embedded PostgreSQL to start', startEmbeddedDatabase(dbDir));
  cleanups.push({ what: 'stop PostgreSQL', run: () => database.stop() });

  const port = await freePort();
  log(`starting the server on 127.0.0.1:${port}`);
  const server: TestServer = await startServer({
    databaseUrl: database.url,
    port,
    dataDir: path.join(workDir, 'server'),
    env: { OPSDECK_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) },
  });
  cleanups.push({
    what: 'stop the server',
    run: async () => {
      await within('the server to stop on SIGTERM', server.stop(), 30_000).catch(async (error: Error) => {
        log(`${error.message}; killing it`);
        await server.kill();
      });
    },
  });
  const serverPid = server.process.child.pid!;
  serverOutput = () => server.process.output();

  // 2. Console: sign in, activations, warm-up ---------------------------------------------------
  const client = await ConsoleClient.signIn(server.url);
  const fleetActivation = await client.createActivation({ description: 'bench fleet', registrationLimit: agentCount });
  const processActivation = await client.createActivation({ description: 'bench half-open', registrationLimit: HALF_OPEN_AGENTS });
  // Load the routes the run uses (Next compiles route modules lazily) before the idle baseline.
  await pingStatuses(client);
  await fetch(`${server.url}/api/agent/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await sleep(2_000);
  const idleRssKb = rssKb(serverPid);
  log(`server pid ${serverPid} idle RSS ${(idleRssKb / 1024).toFixed(1)} MiB`);

  // 3. Enrol the fleet in this process ----------------------------------------------------------
  const agentsRoot = path.join(workDir, 'agents');
  fs.mkdirSync(agentsRoot, { mode: 0o700 });
  const registrationMs: number[] = [];
  log(`registering ${agentCount} agents, ${registerConcurrency} at a time`);
  const registrationStart = performance.now();
  const registrations = await within(
    `${agentCount} registrations`,
    mapLimited(Array.from({ length: agentCount }, (_, i) => i), registerConcurrency, async (index): Promise<Registration> => {
      const sent = performance.now();
      const registration = await Agent.register({
        serverUrl: server.url,
        activationId: fleetActivation.activationId,
        activationCode: fleetActivation.activationCode,
        stateDir: path.join(agentsRoot, `agent-${String(index).padStart(4, '0')}`),
        name: `bench-${String(index).padStart(4, '0')}`,
      });
      registrationMs.push(performance.now() - sent);
      return registration;
    }),
  );
  const registrationWallMs = performance.now() - registrationStart;
  log(`registered ${agentCount} in ${(registrationWallMs / 1000).toFixed(1)} s`);

  const fleet: SimulatedAgent[] = registrations.map((registration, index) => ({ index, agent: new Agent(registration), stopped: false }));
  cleanups.push({
    what: 'stop the in-process agents',
    run: async () => {
      await Promise.all(fleet.map(async (member) => member.agent.stop()));
    },
  });
  const unexpectedOffline: string[] = [];
  const fatal: string[] = [];

  // 4. Connect everyone at once: time to 'online' and to the API showing all Online -------------
  log(`starting ${agentCount} agents at once`);
  const toOnlineMs: number[] = [];
  const startedAt = new Map<string, number>();
  const fleetStart = performance.now();
  const onlineEvents = Promise.all(
    fleet.map(
      (member) =>
        new Promise<void>((resolve) => {
          const { agent } = member;
          agent.once('online', () => {
            toOnlineMs.push(performance.now() - startedAt.get(agent.nodeId)!);
            resolve();
          });
          agent.on('offline', (reason: string) => {
            if (!member.stopped) unexpectedOffline.push(`${agent.nodeId}: ${reason}`);
          });
          agent.on('fatal', (error: AgentRefusedError) => fatal.push(`${agent.nodeId}: ${error.name} ${error.message}`));
          startedAt.set(agent.nodeId, performance.now());
          agent.start();
        }),
    ),
  );
  await within(`all ${agentCount} agents to receive 'welcome'`, onlineEvents).catch((error: Error) => {
    throw new Error(`${error.message} (${toOnlineMs.length} online, refused: ${fatal.slice(0, 3).join('; ') || 'none'})`);
  });
  log(`all agents got 'welcome' after ${((performance.now() - fleetStart) / 1000).toFixed(1)} s; polling the API`);
  const fleetIds = new Map(fleet.map((member) => [member.agent.nodeId, fleetStart]));
  const seenOnline = await timeUntilStatus(client, fleetIds, 'Online', `all ${agentCount} nodes Online in the API`);
  const allOnlineMs = Math.max(...seenOnline.values());
  log(`the API shows all ${agentCount} Online ${(allOnlineMs / 1000).toFixed(1)} s after the first start()`);

  // 5. Memory with the fleet connected (after one heartbeat round) -----------------------------
  await sleep(HEARTBEAT_SECONDS * 1000 + 500);
  const fleetRssKb = rssKb(serverPid);
  log(`server RSS with ${agentCount} agents ${(fleetRssKb / 1024).toFixed(1)} MiB`);

  // Nodes that should stay Online but were seen otherwise during the detection phases.
  const spurious = new Set<string>();
  const watchFleet = (statuses: Map<string, string>) => {
    for (const member of fleet) {
      if (member.stopped) continue;
      const status = statuses.get(member.agent.nodeId);
      if (status !== 'Online') spurious.add(`${member.agent.nodeId}=${status}`);
    }
  };

  // 6. Offline detection, socket closed ---------------------------------------------------------
  const victims = fleet.filter((member) => member.index % 10 === 0).slice(0, Math.max(1, Math.round(agentCount / 10)));
  log(`closing the sockets of ${victims.length} agents`);
  const closedAt = new Map<string, number>();
  for (const member of victims) {
    member.stopped = true;
    closedAt.set(member.agent.nodeId, performance.now());
    void member.agent.stop();
  }
  const socketCloseMs = [
    ...(await timeUntilStatus(client, closedAt, 'ConnectionLost', 'ConnectionLost after socket close', watchFleet)).values(),
  ];
  log(`socket close: all ${victims.length} ConnectionLost; max ${Math.max(...socketCloseMs).toFixed(0)} ms`);

  // 7. Offline detection, half-open (frozen agent processes) ------------------------------------
  log(`enrolling ${HALF_OPEN_AGENTS} agent processes`);
  const processes: { nodeId: string; process: RunningProcess }[] = [];
  cleanups.push({
    what: 'kill the agent processes',
    run: async () => {
      for (const { process: child } of processes) {
        if (child.child.exitCode !== null || child.child.signalCode !== null) continue;
        child.child.kill('SIGKILL'); // also ends a stopped process
        await within('an agent process to exit', child.exited, 10_000);
      }
    },
  });
  const registered = await within(
    'agent process registrations',
    Promise.all(
      Array.from({ length: HALF_OPEN_AGENTS }, async (_, index) => {
        const stateDir = path.join(workDir, `process-agent-${index}`);
        const result = await registerAgentProcess({ serverUrl: server.url, ...processActivation, stateDir, name: `bench-process-${index}` });
        if (result.code !== 0 || !result.nodeId) throw new Error(`agent process registration failed (${result.code}):\n${result.output}`);
        return { nodeId: result.nodeId, stateDir };
      }),
    ),
  );
  for (const { nodeId, stateDir } of registered) processes.push({ nodeId, process: startAgentProcess(stateDir) });
  const processStart = performance.now();
  await timeUntilStatus(client, new Map(processes.map(({ nodeId }) => [nodeId, processStart])), 'Online', 'the agent processes Online');
  // Freeze each at its own random moment, so that the samples fall at independent points of the
  // heartbeat cycle (5 s) and of socket.io's engine ping cycle (10 s).
  log(`SIGSTOP of ${processes.length} agent processes, each within the next 10 s`);
  const frozenAt = new Map<string, number>();
  const freezing = Promise.all(
    processes.map(async ({ nodeId, process: child }) => {
      await sleep(Math.random() * 10_000);
      child.child.kill('SIGSTOP');
      frozenAt.set(nodeId, performance.now());
    }),
  );
  let halfOpenMs: number[];
  try {
    const detected = timeUntilStatus(client, frozenAt, 'ConnectionLost', 'ConnectionLost of frozen agents', watchFleet, processes.length);
    await freezing;
    halfOpenMs = [...(await detected).values()];
  } finally {
    for (const { process: child } of processes) child.child.kill('SIGCONT');
  }
  log(`half-open: all ${processes.length} ConnectionLost; max ${Math.max(...halfOpenMs).toFixed(0)} ms`);
  const resumedAt = performance.now();
  await timeUntilStatus(client, new Map(processes.map(({ nodeId }) => [nodeId, resumedAt])), 'Online', 'resumed agent processes Online again')
    .then((times) => log(`resumed agents Online again after at most ${Math.max(...times.values()).toFixed(0)} ms`))
    .catch((error: Error) => log(`note: ${error.message}`));
  for (const { process: child } of processes) child.child.kill('SIGTERM');
  await Promise.all(processes.map(({ process: child }) => within('an agent process to exit on SIGTERM', child.exited, 10_000).catch(() => {})));

  // Anything the server logged as a failure during the run, for the reader.
  const failures = server.process
    .output()
    .split('\n')
    .filter((line) => /fail|error/i.test(line));
  if (failures.length > 0) log(`the server logged ${failures.length} failure lines, e.g.:\n  ${failures.slice(0, 5).join('\n  ')}`);
  if (unexpectedOffline.length > 0) log(`${unexpectedOffline.length} unexpected agent disconnects, e.g. ${unexpectedOffline.slice(0, 3).join('; ')}`);
  if (spurious.size > 0) log(`${spurious.size} running nodes were seen not Online, e.g. ${[...spurious].slice(0, 3).join(', ')}`);

  const { max_ms: _ignored, ...onlineSummary } = summary(toOnlineMs);
  const { max_ms: _ignoredToo, ...registrationSummary } = summary(registrationMs);
  return {
    agents: agentCount,
    heartbeat_seconds: HEARTBEAT_SECONDS,
    registration: {
      ...registrationSummary,
      throughput_per_s: round(agentCount / (registrationWallMs / 1000)),
      concurrency: registerConcurrency,
    },
    time_to_online: onlineSummary,
    all_online_ms: round(allOnlineMs),
    connection_lost_socket_close: { ...summary(socketCloseMs), nodes: socketCloseMs.length },
    connection_lost_half_open: { ...summary(halfOpenMs), nodes: halfOpenMs.length },
    server_rss_mb: { idle: round(idleRssKb / 1024), with_fleet: round(fleetRssKb / 1024) },
    rss_per_agent_kb: round((fleetRssKb - idleRssKb) / agentCount),
    api_list_ms: summary(listLatencies),
    unexpected_agent_disconnects: unexpectedOffline.length,
    running_nodes_seen_not_online: spurious.size,
  };
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run took longer than ${WATCHDOG_MS / 60_000} min; giving up`);
    void cleanUp().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanUp().finally(() => {
        log('cleaned up after the signal');
        process.exit(130);
      });
    });
  }
  let exitCode = 0;
  try {
    const result = await run();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    exitCode = 1;
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    const tail = serverOutput().split('\n').slice(-40).join('\n');
    if (tail.trim()) log(`last lines of the server's output:\n${tail}`);
  } finally {
    log('cleaning up');
    await cleanUp();
    clearTimeout(watchdog);
  }
  log(exitCode === 0 ? 'done' : 'failed');
  // Leftover socket.io-client timers must not keep a finished benchmark alive.
  process.exit(exitCode);
}

void main();
