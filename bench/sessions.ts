/**
 * Session Manager benchmark: the real server process on embedded PostgreSQL, one real agent
 * process (agent/cli.ts) with real PTYs, and clients in this process speaking the console's
 * socket protocol (as a browser tab does) or running the opsdeck CLI.
 *
 *  1. Keystroke echo latency through the whole path (client socket → server → agent → PTY →
 *     back), BENCH_KEYSTROKES (default 1,000) keystrokes one at a time into bash's readline; the
 *     same against `ssh -tt` to an OpenSSH sshd on this machine, in the same run; the ratio.
 *  2. BENCH_SESSIONS (default 200) sessions open at once: server and agent memory, and echo
 *     latency one keystroke at a time round-robin, and all sessions at once (a burst).
 *  3. `cat` of a BENCH_CAT_MB (default 100) MB text file through a session: MB/s, and the server's
 *     RSS sampled every 100 ms (flow control keeps it flat).
 *  4. Port forwarding throughput (CLI port-forward → server → agent → TCP) against a direct TCP
 *     connection to the same local source, BENCH_FORWARD_MB (default 100) MB each.
 *
 *   npm run bench:sessions
 *
 * Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findFreePort, startEmbeddedDatabase } from '../db/embedded';
import { registerAgentProcess, startAgentProcess } from '../e2e/support/agents';
import { BOOTSTRAP_ENV, BOOTSTRAP_KEY } from '../e2e/support/aws';
import { ConsoleClient } from '../e2e/support/console-client';
import { spawnTs, waitFor } from '../e2e/support/processes';
import { startServer } from '../e2e/support/server';
import { SessionTerminal } from '../e2e/support/session-terminal';
import { startTestSshd } from '../e2e/support/sshd';
import { cpuSecondsOf, rssMb } from './support/proc';
import { integerFromEnv, percentile } from './support/stats';

const KEYSTROKES = integerFromEnv('BENCH_KEYSTROKES', 1000, 10, 100_000);
const CAT_MB = integerFromEnv('BENCH_CAT_MB', 100, 1, 2000);
const FORWARD_MB = integerFromEnv('BENCH_FORWARD_MB', 100, 1, 2000);
const SESSIONS = integerFromEnv('BENCH_SESSIONS', 200, 1, 1000);
/** Keystrokes per line before the line is cleared (Ctrl-U), so readline never scrolls a long line. */
const LINE_LENGTH = 40;

const began = performance.now();
const log = (message: string) => process.stderr.write(`[bench +${((performance.now() - began) / 1000).toFixed(1)}s] ${message}\n`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function summary(samples: number[]) {
  return { p50_ms: round(percentile(samples, 50), 3), p99_ms: round(percentile(samples, 99), 3), max_ms: round(Math.max(...samples), 3), samples: samples.length };
}

/** What arrived so far: a running byte count and a short tail (re-reading everything per check would make the client the bottleneck). */
interface Received {
  total: number;
  tail: string;
}

const TAIL_CHARS = 4096;

function appendTo(received: Received, chunk: Buffer): void {
  received.total += chunk.length;
  received.tail = (received.tail + chunk.toString('latin1')).slice(-TAIL_CHARS);
}

/** Sends a character and waits until it comes back in output that arrived after it was sent. */
async function echoLatencies(count: number, send: (text: string) => void, received: () => Received, clearLine: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let index = 0; index < count; index += 1) {
    if (index % LINE_LENGTH === 0) await clearLine();
    const letter = letters[index % letters.length]!;
    const before = received().total;
    const sent = performance.now();
    send(letter);
    await new Promise<void>((resolve, reject) => {
      const deadline = sent + 5000;
      const check = () => {
        const now = received();
        const fresh = now.total - before;
        if (fresh > 0 && now.tail.slice(-Math.min(fresh, TAIL_CHARS)).includes(letter)) return resolve();
        if (performance.now() > deadline) return reject(new Error(`no echo of '${letter}' within 5 s`));
        setImmediate(check);
      };
      check();
    });
    samples.push(performance.now() - sent);
  }
  return samples;
}

/** Follows a session's output from now on, keeping only a short tail (100 MB of output must not be re-read per check). */
function follow(terminal: SessionTerminal, sessionId: string): { tail(): string; bytes(): number } {
  let seen = terminal.output.get(sessionId)?.length ?? 0;
  let tail = '';
  let bytes = 0;
  const update = () => {
    const all = terminal.output.get(sessionId) ?? [];
    while (seen < all.length) {
      const chunk = all[seen]!;
      // Forget what was read, so a long output is not held twice.
      all[seen++] = Buffer.alloc(0);
      bytes += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-4096);
    }
  };
  return {
    tail: () => (update(), tail),
    bytes: () => (update(), bytes),
  };
}

/** Runs a command and waits for a marker the shell computes (so the echo of the typed command never matches). */
async function runToMarker(terminal: SessionTerminal, sessionId: string, command: string, timeoutMs: number): Promise<number> {
  const tag = Math.floor(Math.random() * 1e6);
  const output = follow(terminal, sessionId);
  terminal.type(sessionId, `${command}; echo done-$((${tag}+1))-mark\r`);
  await waitFor('the command to finish', async () => output.tail().includes(`done-${tag + 1}-mark`), timeoutMs, 20);
  return output.bytes();
}

async function opsdeckEcho(terminal: SessionTerminal, sessionId: string, count: number): Promise<number[]> {
  const state: Received = { total: 0, tail: '' };
  let seen = terminal.output.get(sessionId)?.length ?? 0;
  const received = () => {
    const all = terminal.output.get(sessionId) ?? [];
    while (seen < all.length) appendTo(state, all[seen++]!);
    return state;
  };
  return echoLatencies(count, (text) => terminal.type(sessionId, text), received, async () => {
    terminal.type(sessionId, '\u0015');
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

async function sshEcho(count: number, root: string): Promise<number[]> {
  const sshd = await startTestSshd(path.join(root, 'sshd'));
  const child = spawn('/usr/bin/ssh', ['-tt', '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-i', sshd.keyPath, '-p', String(sshd.port), `${sshd.user}@127.0.0.1`], { stdio: ['pipe', 'pipe', 'pipe'] });
  const state: Received = { total: 0, tail: '' };
  child.stdout.on('data', (chunk: Buffer) => appendTo(state, chunk));
  try {
    await waitFor('the ssh prompt', async () => /[$#] $/.test(state.tail), 15_000, 20);
    await echoLatencies(50, (text) => child.stdin.write(text), () => state, async () => void child.stdin.write('\u0015')); // warm-up, as for Opsdeck
    return await echoLatencies(count, (text) => child.stdin.write(text), () => state, async () => {
      child.stdin.write('\u0015');
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
  } finally {
    child.kill('SIGTERM');
    await sshd.stop();
  }
}

/** A local TCP source that sends `bytes` to whoever connects, then closes. */
async function tcpSource(bytes: number): Promise<{ port: number; close(): void }> {
  const block = Buffer.alloc(256 * 1024, 'opsdeck-bench-');
  const server = net.createServer((socket) => {
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const piece = left >= block.length ? block : block.subarray(0, left);
        left -= piece.length;
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
      socket.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

function drain(port: number, expected: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let received = 0;
    const socket = net.connect(port, '127.0.0.1');
    socket.on('data', (chunk) => (received += chunk.length));
    socket.on('error', reject);
    socket.on('close', () => (received === expected ? resolve(performance.now() - started) : reject(new Error(`received ${received} of ${expected} bytes`))));
  });
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-sessions-'));
  fs.chmodSync(root, 0o711);
  const database = await startEmbeddedDatabase(path.join(root, 'db'));
  // BENCH_PROFILE_DIR: a CPU profile of the server during the cat (bench/support/profile-summary.ts reads it).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  // BENCH_SERVER_NODE_OPTIONS: e.g. --max-old-space-size=96, to show the relay needs no more heap than that.
  const nodeOptions = [process.env.BENCH_SERVER_NODE_OPTIONS, profileDir ? `--import ${path.resolve('bench/support/cpu-profile-on-signal.mjs')}` : undefined].filter(Boolean).join(' ');
  const profiling = { ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...(profileDir ? { CPU_PROFILE_DIR: profileDir } : {}) };
  const server = await startServer({ databaseUrl: database.url, port: await findFreePort(), env: { ...BOOTSTRAP_ENV, OPSDECK_HEARTBEAT_SECONDS: '5', ...profiling } });
  const serverPid = server.process.child.pid!;
  let agent: ReturnType<typeof startAgentProcess> | undefined;
  const terminals: SessionTerminal[] = [];
  try {
    const admin = await ConsoleClient.signIn(server.url);
    const activation = await admin.createActivation({ description: 'bench sessions' });
    const stateDir = path.join(root, 'agent');
    const { nodeId } = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir, name: 'bench-node' });
    agent = startAgentProcess(stateDir);
    await waitFor('the node online', async () => (await admin.pingStatusOf(nodeId!)) === 'Online', 30_000);
    const agentPid = agent.child.pid!;
    const terminal = new SessionTerminal(server.url, admin.cookie);
    terminals.push(terminal);
    await terminal.connected();

    log(`echo latency: ${KEYSTROKES} keystrokes through Opsdeck`);
    const shell = await terminal.open(nodeId!, { cols: 200, rows: 50 });
    await terminal.waitForText(shell, /[$#] $/);
    await opsdeckEcho(terminal, shell, 50); // warm-up
    const opsdeck = await opsdeckEcho(terminal, shell, KEYSTROKES);
    log(`echo latency: ${KEYSTROKES} keystrokes through ssh -tt to OpenSSH on this machine`);
    const ssh = await sshEcho(KEYSTROKES, root);

    // Before the cat and the port forward: their garbage would blur the memory figures here.
    log(`${SESSIONS} sessions at once`);
    const rssIdle = rssMb(serverPid);
    const agentRssIdle = rssMb(agentPid);
    // Several browser tabs, as people would have them: 20 sessions per socket.
    const opened: { terminal: SessionTerminal; sessionId: string }[] = [];
    for (let index = 0; index < SESSIONS; index += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, SESSIONS - index) }, async (_, offset) => {
          const socketIndex = Math.floor((index + offset) / 20);
          let owner = terminals[socketIndex + 1];
          if (!owner) {
            owner = new SessionTerminal(server.url, admin.cookie);
            terminals[socketIndex + 1] = owner;
            await owner.connected();
          }
          return { terminal: owner, sessionId: await owner.open(nodeId!) };
        }),
      );
      opened.push(...batch);
    }
    await Promise.all(opened.map(({ terminal: owner, sessionId }) => owner.waitForText(sessionId, /[$#] $/, 60_000)));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssLoaded = rssMb(serverPid);
    const agentRssLoaded = rssMb(agentPid);
    const sequential: number[] = [];
    const perSession = Math.max(1, Math.floor(KEYSTROKES / opened.length));
    for (const { terminal: owner, sessionId } of opened) sequential.push(...(await opsdeckEcho(owner, sessionId, perSession)));
    const burst = await Promise.all(opened.map(async ({ terminal: owner, sessionId }) => (await opsdeckEcho(owner, sessionId, 1))[0]!));
    await Promise.all(opened.map(({ terminal: owner, sessionId }) => owner.request('session:terminate', { sessionId })));

    log(`cat of ${CAT_MB} MB through a session`);
    const file = path.join(root, 'big.txt');
    const line = `${'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2).slice(0, 99)}\n`;
    const block = line.repeat(Math.ceil((1024 * 1024) / line.length)).slice(0, 1024 * 1024);
    const out = fs.openSync(file, 'w', 0o644);
    for (let mb = 0; mb < CAT_MB; mb += 1) fs.writeSync(out, block);
    fs.closeSync(out);
    terminal.type(shell, '\u0015clear\r');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rssBefore = rssMb(serverPid);
    let peakRss = rssBefore;
    const rssEverySecond: number[] = [];
    let ticks = 0;
    const sampler = setInterval(() => {
      const rss = rssMb(serverPid);
      peakRss = Math.max(peakRss, rss);
      if (++ticks % 10 === 0) rssEverySecond.push(rss);
    }, 100);
    if (profileDir) server.process.child.kill('SIGUSR2');
    const cpuBefore = { server: cpuSecondsOf(serverPid), agent: cpuSecondsOf(agentPid), client: process.cpuUsage() };
    const catStarted = performance.now();
    const catBytes = await runToMarker(terminal, shell, `cat ${file}`, 600_000);
    const catSeconds = (performance.now() - catStarted) / 1000;
    if (profileDir) server.process.child.kill('SIGUSR2');
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const catCpu = {
      server: round(cpuSecondsOf(serverPid) - cpuBefore.server),
      agent: round(cpuSecondsOf(agentPid) - cpuBefore.agent),
      client: round((clientCpu.user + clientCpu.system) / 1e6),
    };
    clearInterval(sampler);
    terminal.output.set(shell, []);
    fs.rmSync(file);

    log(`port forwarding: ${FORWARD_MB} MB direct and through the CLI`);
    const source = await tcpSource(FORWARD_MB * 1024 * 1024);
    const directMs = await drain(source.port, FORWARD_MB * 1024 * 1024);
    const cli = spawnTs('server/cli/opsdeck.ts', ['port-forward', '--target', nodeId!, '--remote-port', String(source.port), '--local-port', '0'], {
      AWS_ACCESS_KEY_ID: BOOTSTRAP_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BOOTSTRAP_KEY.secretAccessKey,
      OPSDECK_ENDPOINT: server.url,
    });
    let forwardedMs: number;
    try {
      const localPort = await waitFor('the forwarded port', async () => {
        const found = cli.output().split('\n').find((text) => text.startsWith('{"localPort"'));
        return found ? (JSON.parse(found) as { localPort: number }).localPort : undefined;
      }, 20_000);
      forwardedMs = await drain(localPort, FORWARD_MB * 1024 * 1024);
    } finally {
      cli.child.kill('SIGTERM');
      source.close();
    }

    const result = {
      echo_latency: {
        keystrokes: KEYSTROKES,
        opsdeck: summary(opsdeck),
        ssh: summary(ssh),
        ratio_p50: round(percentile(opsdeck, 50) / percentile(ssh, 50)),
        ratio_p99: round(percentile(opsdeck, 99) / percentile(ssh, 99)),
      },
      cat_throughput: {
        file_mb: CAT_MB,
        terminal_bytes_received: catBytes,
        seconds: round(catSeconds),
        mb_per_s: round(CAT_MB / catSeconds),
        server_rss_mb_before: rssBefore,
        server_peak_rss_mb: peakRss,
        server_rss_mb_every_second: rssEverySecond,
        cpu_seconds: catCpu,
      },
      port_forward: {
        mb: FORWARD_MB,
        direct_mb_per_s: round(FORWARD_MB / (directMs / 1000)),
        forwarded_mb_per_s: round(FORWARD_MB / (forwardedMs / 1000)),
        forwarded_vs_direct: round(directMs / forwardedMs, 3),
      },
      concurrent_sessions: {
        sessions: opened.length,
        server_rss_mb_before: rssIdle,
        server_rss_mb_open: rssLoaded,
        server_rss_kb_per_session: round(((rssLoaded - rssIdle) * 1024) / opened.length, 1),
        agent_rss_mb_before: agentRssIdle,
        agent_rss_mb_open: agentRssLoaded,
        echo_round_robin: summary(sequential),
        echo_burst_all_sessions: summary(burst),
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).stack}\n--- server output (end) ---\n${server.process.output().slice(-4000)}\n`);
    process.exitCode = 1;
  } finally {
    for (const terminal of terminals) terminal?.close();
    agent?.child.kill('SIGTERM');
    await agent?.exited;
    await server.stop();
    await database.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
