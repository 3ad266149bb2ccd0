/**
 * Run Command benchmark: the real server process on embedded PostgreSQL, and a simulated fleet
 * of real `Agent`s (bench/fleet) in this process, each running real child processes.
 *
 *  1. SendCommand `echo ok` (AWS-RunShellScript) to BENCH_NODES nodes (default 1,000) with
 *     MaxConcurrency 100%: time from SendCommand's response until the command is Success (every
 *     invocation stored), BENCH_RUNS times (default 5); server CPU and RSS over each run.
 *  2. BENCH_BIG_NODES nodes (default 100) each printing BENCH_BIG_MB MB (default 10): throughput,
 *     and every byte checked against what the node printed.
 *
 *   npm run bench:runcommand
 *
 * Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io as connectSocket } from 'socket.io-client';
import { findFreePort, startEmbeddedDatabase } from '../db/embedded';
import { ConsoleClient } from '../e2e/support/console-client';
import { BOOTSTRAP_ENV, signedSsmCall } from '../e2e/support/aws';
import { startServer } from '../e2e/support/server';
import { startFleet } from './fleet/simulator';
import { integerFromEnv, percentile } from './support/stats';
import { cpuSecondsOf, rssMb } from './support/proc';

const NODES = integerFromEnv('BENCH_NODES', 1000, 1, 1000);
const RUNS = integerFromEnv('BENCH_RUNS', 5, 1, 50);
const BIG_NODES = integerFromEnv('BENCH_BIG_NODES', 100, 0, 1000);
const BIG_MB = integerFromEnv('BENCH_BIG_MB', 10, 1, 100);
/** A safety net only: completion is noticed through the console's live `command:changed` events. */
const POLL_MS = 250;

const began = performance.now();
const log = (message: string) => process.stderr.write(`[bench +${((performance.now() - began) / 1000).toFixed(1)}s] ${message}\n`);

/**
 * CPU of the simulated fleet: this process (the agents) and the scripts they ran (children this
 * process reaped: cutime + cstime).
 */
function fleetCpu(): { agents: number; scripts: number } {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return { agents: (Number(fields[11]) + Number(fields[12])) / 100, scripts: (Number(fields[13]) + Number(fields[14])) / 100 };
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-runcommand-'));
  fs.chmodSync(root, 0o711);
  const database = await startEmbeddedDatabase(path.join(root, 'db'));
  const server = await startServer({ databaseUrl: database.url, port: await findFreePort(), env: { ...BOOTSTRAP_ENV, OPSDECK_HEARTBEAT_SECONDS: '5', NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } });
  const serverPid = server.process.child.pid!;
  const call = async <T>(operation: string, body: unknown): Promise<T> => {
    const response = await signedSsmCall(server.url, operation, body);
    if (response.status !== 200) throw new Error(`${operation}: ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  try {
    const client = await ConsoleClient.signIn(server.url);
    const consoleSocket = connectSocket(`${server.url}/console`, { transports: ['websocket'], extraHeaders: { cookie: client.cookie } });
    await new Promise<void>((resolve, reject) => {
      consoleSocket.once('connect', () => resolve());
      consoleSocket.once('connect_error', reject);
    });
    const activation = await client.createActivation({ description: 'bench run command', registrationLimit: 1000 });
    log(`registering ${NODES} agents`);
    const fleet = await startFleet({ serverUrl: server.url, ...activation, count: NODES, tags: { Bench: 'fleet' }, stateRoot: process.env.BENCH_STATE_ROOT });
    await fleet.online(180_000);
    log(`${NODES} agents online`);

    const runOnce = async (commands: string[], targetCount: number, values: string[]) => {
      const cpuBefore = cpuSecondsOf(serverPid);
      const fleetBefore = fleetCpu();
      let peakRss = rssMb(serverPid);
      const sent = await call<{ Command: { CommandId: string } }>('SendCommand', {
        DocumentName: 'AWS-RunShellScript',
        Targets: [{ Key: 'tag:Bench', Values: values }],
        Parameters: { commands },
        MaxConcurrency: '100%',
        TimeoutSeconds: 600,
      });
      const answered = performance.now();
      const commandId = sent.Command.CommandId;
      // Event-driven like the console: polling ListCommands every few ms would load the server
      // (each API call is signed, authorised and audited) and blur the figure.
      await new Promise<void>((resolve, reject) => {
        let checking = false;
        let again = false;
        const check = async () => {
          if (checking) {
            again = true;
            return;
          }
          checking = true;
          try {
            do {
              again = false;
              const { Commands } = await call<{ Commands: { Status: string; TargetCount: number }[] }>('ListCommands', { CommandId: commandId });
              const command = Commands[0]!;
              peakRss = Math.max(peakRss, rssMb(serverPid));
              if (command.TargetCount !== targetCount) throw new Error(`expected ${targetCount} targets, got ${command.TargetCount}`);
              if (command.Status === 'Success') return finish();
              if (['Failed', 'Cancelled', 'TimedOut'].includes(command.Status)) throw new Error(`command ended ${command.Status}`);
            } while (again);
          } catch (error) {
            finish(error as Error);
          } finally {
            checking = false;
          }
        };
        const onChanged = (payload: { commandId: string }) => {
          if (payload.commandId === commandId) void check();
        };
        const timer = setInterval(() => void check(), POLL_MS);
        const finish = (error?: Error) => {
          clearInterval(timer);
          consoleSocket.off('command:changed', onChanged);
          consoleSocket.emit('command:unwatch', commandId);
          if (error) reject(error);
          else resolve();
        };
        consoleSocket.on('command:changed', onChanged);
        consoleSocket.emit('command:watch', commandId, () => void check());
      });
      const ms = performance.now() - answered;
      const fleetAfter = fleetCpu();
      return {
        commandId,
        ms,
        agentsCpuSeconds: fleetAfter.agents - fleetBefore.agents,
        scriptsCpuSeconds: fleetAfter.scripts - fleetBefore.scripts,
        cpuSeconds: cpuSecondsOf(serverPid) - cpuBefore, peakRssMb: peakRss, timeline: await timeline(database.url, commandId) };
    };

    log('warm-up run');
    await runOnce(['echo ok'], NODES, ['fleet']);
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const result = await runOnce(['echo ok'], NODES, ['fleet']);
      log(`run ${run}: ${result.ms.toFixed(0)} ms, server CPU ${result.cpuSeconds.toFixed(2)} s, agents CPU ${result.agentsCpuSeconds.toFixed(2)} s, scripts CPU ${result.scriptsCpuSeconds.toFixed(2)} s, RSS ${result.peakRssMb.toFixed(0)} MB, last (ms after request): ${JSON.stringify(result.timeline)}`);
      runs.push(result);
    }
    const times = runs.map((run) => run.ms);

    let big: Record<string, unknown> | undefined;
    if (BIG_NODES > 0) {
      const bytes = BIG_MB * 1024 * 1024;
      const bigFleet = fleet.nodes.slice(0, BIG_NODES);
      for (const node of bigFleet) await call('AddTagsToResource', { ResourceType: 'ManagedInstance', ResourceId: node.nodeId, Tags: [{ Key: 'Bench', Value: 'big' }] });
      log(`${BIG_NODES} nodes printing ${BIG_MB} MB each`);
      // Every node prints its own id over and over: a lost, doubled or misplaced chunk changes the hash.
      const result = await runOnce([`yes "$AWS_SSM_INSTANCE_ID" | head -c ${bytes}`], BIG_NODES, ['big']);
      const check = await verifyOutputs(database.url, result.commandId, bytes);
      big = {
        nodes: BIG_NODES,
        mb_per_node: BIG_MB,
        seconds: Number((result.ms / 1000).toFixed(2)),
        throughput_mb_per_s: Number(((BIG_NODES * BIG_MB) / (result.ms / 1000)).toFixed(1)),
        server_cpu_seconds: Number(result.cpuSeconds.toFixed(2)),
        server_peak_rss_mb: Math.round(result.peakRssMb),
        invocations_complete_and_exact: check.exact,
        invocations_checked: check.checked,
      };
      log(`big output: ${JSON.stringify(big)}`);
    }
    await fleet.stop();
    consoleSocket.disconnect();
    const report = {
      benchmark: 'run-command',
      machine: { cpus: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30) },
      echo_ok: {
        nodes: NODES,
        runs: RUNS,
        p50_ms: Math.round(percentile(times, 50)),
        p99_ms: Math.round(percentile(times, 99)),
        max_ms: Math.round(Math.max(...times)),
        invocations_per_s_p50: Math.round(NODES / (percentile(times, 50) / 1000)),
        server_cpu_seconds_per_run_p50: Number(percentile(runs.map((run) => run.cpuSeconds), 50).toFixed(2)),
        // The same two cores also run the 1,000 simulated agents and every script they start.
        simulated_agents_cpu_seconds_per_run_p50: Number(percentile(runs.map((run) => run.agentsCpuSeconds), 50).toFixed(2)),
        scripts_cpu_seconds_per_run_p50: Number(percentile(runs.map((run) => run.scriptsCpuSeconds), 50).toFixed(2)),
        last_invocation_ms_after_request_p50_run: runs[runs.findIndex((run) => run.ms === percentile(times, 50))]?.timeline,
        server_peak_rss_mb: Math.round(Math.max(...runs.map((run) => run.peakRssMb))),
        target_p50_ms: 2000,
      },
      big_output: big,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`--- server output ---\n${server.process.output().slice(-4000)}\n`);
    throw error;
  } finally {
    await server.stop();
    await database.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** When the last invocation was sent, acknowledged, started, finished and stored: where the time goes. */
async function timeline(databaseUrl: string, commandId: string): Promise<Record<string, number>> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<Record<string, string>>(
      `select extract(epoch from max(i.dispatched_at) - c.requested_at) * 1000 as dispatched,
              extract(epoch from max(i.delivered_at) - c.requested_at) * 1000 as delivered,
              extract(epoch from min(i.started_at) - c.requested_at) * 1000 as first_started,
              extract(epoch from max(i.started_at) - c.requested_at) * 1000 as last_started,
              extract(epoch from max(i.ended_at) - c.requested_at) * 1000 as ended,
              extract(epoch from max(i.updated_at) - c.requested_at) * 1000 as stored
         from command_invocations i join commands c on c.id = i.command_id where c.id = $1 group by c.requested_at`,
      [commandId],
    );
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([key, value]) => [key, Math.round(Number(value))]));
  } finally {
    await db.end();
  }
}

/** Every invocation's stdout, straight from PostgreSQL, against what `yes ID | head -c N` prints. */
async function verifyOutputs(databaseUrl: string, commandId: string, bytes: number): Promise<{ checked: number; exact: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; node_id: string }>('select id, node_id from command_invocations where command_id = $1', [commandId]);
    let exact = 0;
    for (const row of rows) {
      const chunks = await db.query<{ offset: string; data: Buffer }>(`select "offset", data from command_output where invocation_id = $1 and stream = 'stdout' order by "offset"`, [row.id]);
      const hash = createHash('sha256');
      let end = 0;
      for (const chunk of chunks.rows) {
        const offset = Number(chunk.offset);
        if (offset > end) break;
        const fresh = chunk.data.subarray(end - offset);
        hash.update(fresh);
        end = Math.max(end, offset + chunk.data.length);
      }
      const expected = createHash('sha256').update(Buffer.from(`${row.node_id}\n`.repeat(Math.ceil(bytes / (row.node_id.length + 1)))).subarray(0, bytes)).digest('hex');
      if (end === bytes && hash.digest('hex') === expected) exact += 1;
    }
    return { checked: rows.length, exact };
  } finally {
    await db.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
