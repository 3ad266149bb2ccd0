/**
 * A signed-request load generator for the SSM JSON API (AWS JSON 1.1 over SigV4).
 *
 *   const result = await runSignedLoad({
 *     url: server.url, connections: 50, seconds: 15,
 *     requests: [{ operation: 'GetParameter', body: { Name: '/bench/a' } }],
 *     accessKeyId, secretAccessKey,
 *   });
 *
 * The load runs in a child process of its own, so its CPU is not the caller's (or the server's,
 * when the caller hosts it) and it can be measured apart (`client_cpu_seconds`). The child signs
 * each request of the list once, up front, and replays the signed bytes round-robin over N
 * keep-alive connections: a SigV4 signature stays valid for 15 minutes either side of its date,
 * so replaying is what a cheap client can do and the server still verifies every request in
 * full. Runs longer than that are re-signed every RESIGN_AFTER_MS.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { Pool } from 'undici';
import { percentile } from './stats';

export interface SsmCall {
  /** The operation after `AmazonSSM.`, e.g. 'GetParameter'. */
  operation: string;
  /** The JSON request; serialised once. */
  body: unknown;
}

export interface SignedLoadOptions {
  /** The server's base URL, e.g. http://127.0.0.1:4123. */
  url: string;
  /** Keep-alive connections, each with one request in flight at a time. */
  connections: number;
  /** Measured time; the warm-up comes before it. */
  seconds: number;
  /** Sent round-robin. A function is called once, in the calling process, before the run. */
  requests: SsmCall[] | (() => SsmCall[]);
  accessKeyId: string;
  secretAccessKey: string;
  /** The credential scope's region; default us-east-1. */
  region?: string;
  /** Load sent but not counted, so JIT and caches are warm when measuring starts; default 1. */
  warmupSeconds?: number;
}

export interface SignedLoadResult {
  /** Calls completed in the measured period, whatever their status. */
  requests: number;
  /** Calls that did not answer 200, by the `__type` of the error (or `HTTP<status>`, `Network:<code>`). */
  errors: Record<string, number>;
  error_count: number;
  throughput_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** CPU (user + system) the load generator's process used in the measured period. */
  client_cpu_seconds: number;
}

type SerializableOptions = Omit<SignedLoadOptions, 'requests'> & { requests: SsmCall[] };
type ChildMessage = { type: 'result'; result: SignedLoadResult } | { type: 'error'; message: string };

const CHILD_FLAG = '--signed-load-child';
const THIS_FILE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(THIS_FILE), '..', '..');
// Signatures are accepted 15 minutes either side of their date: re-sign well inside that.
const RESIGN_AFTER_MS = 10 * 60 * 1000;
// Bodies are read to the end so the connection is reused; undici's default cap (128 KiB) would
// close it on a large page.
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Runs the load in a child process and resolves with its figures. */
export function runSignedLoad(options: SignedLoadOptions): Promise<SignedLoadResult> {
  const requests = typeof options.requests === 'function' ? options.requests() : options.requests;
  if (requests.length === 0) return Promise.reject(new Error('runSignedLoad needs at least one request'));
  if (!Number.isInteger(options.connections) || options.connections < 1) return Promise.reject(new Error('connections must be a whole number >= 1'));
  const serializable: SerializableOptions = { ...options, requests };
  return new Promise((resolve, reject) => {
    // tsx runs the child as it runs the caller; stderr is shared so failures show.
    const child = fork(THIS_FILE, [CHILD_FLAG], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: ChildMessage) => {
      settled = true;
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(`signed load failed: ${message.message}`));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`the signed load process exited (code ${code}) without a result`));
    });
    child.send(serializable);
  });
}

// ---- the child process ----

interface PreparedRequest {
  /** Flat [name, value, ...], as undici takes them without building an object per request. */
  headers: string[];
  body: Buffer;
}

async function signAll(options: SerializableOptions, signingDate: Date): Promise<PreparedRequest[]> {
  const url = new URL(options.url);
  const signer = new SignatureV4({
    service: 'ssm',
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    sha256: Sha256,
  });
  return Promise.all(
    options.requests.map(async (call) => {
      const payload = JSON.stringify(call.body);
      const signed = await signer.sign(
        {
          method: 'POST',
          protocol: url.protocol,
          hostname: url.hostname,
          port: Number(url.port),
          path: '/',
          headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${call.operation}` },
          body: payload,
        },
        { signingDate },
      );
      return { headers: Object.entries(signed.headers as Record<string, string>).flat(), body: Buffer.from(payload, 'utf8') };
    }),
  );
}

function errorTypeOf(status: number, text: string): string {
  try {
    const type = (JSON.parse(text) as { __type?: unknown }).__type;
    if (typeof type === 'string' && type !== '') return type.slice(type.lastIndexOf('#') + 1);
  } catch {
    // not JSON: the status is all we know
  }
  return `HTTP${status}`;
}

class LoadState {
  private prepared: PreparedRequest[] = [];
  private cursor = 0;
  private signedAt = 0;
  private resigning: Promise<void> | undefined;
  readonly latencies: number[] = [];
  readonly errors: Record<string, number> = {};
  isMeasuring = false;

  constructor(private readonly options: SerializableOptions) {}

  async sign(): Promise<void> {
    const now = Date.now();
    this.prepared = await signAll(this.options, new Date(now));
    this.signedAt = now;
  }

  next(): PreparedRequest {
    if (Date.now() - this.signedAt > RESIGN_AFTER_MS && !this.resigning) {
      // The old signatures keep working while the new ones are made.
      this.resigning = this.sign().finally(() => (this.resigning = undefined));
    }
    const request = this.prepared[this.cursor % this.prepared.length]!;
    this.cursor += 1;
    return request;
  }

  record(latencyMs: number, error: string | undefined): void {
    if (!this.isMeasuring) return;
    this.latencies.push(latencyMs);
    if (error !== undefined) this.errors[error] = (this.errors[error] ?? 0) + 1;
  }
}

async function sendOne(pool: Pool, request: PreparedRequest): Promise<string | undefined> {
  try {
    const response = await pool.request({ path: '/', method: 'POST', headers: request.headers, body: request.body });
    if (response.statusCode === 200) {
      await response.body.dump({ limit: MAX_RESPONSE_BYTES });
      return undefined;
    }
    return errorTypeOf(response.statusCode, await response.body.text());
  } catch (error) {
    return `Network:${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

async function connectionLoop(pool: Pool, state: LoadState, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    const request = state.next();
    const started = performance.now();
    const error = await sendOne(pool, request);
    state.record(performance.now() - started, error);
  }
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

async function driveLoad(options: SerializableOptions): Promise<SignedLoadResult> {
  const state = new LoadState(options);
  await state.sign();
  const pool = new Pool(options.url, { connections: options.connections, pipelining: 1 });
  try {
    const warmupMs = (options.warmupSeconds ?? 1) * 1000;
    const start = performance.now();
    const deadline = start + warmupMs + options.seconds * 1000;
    let cpuAtStart = process.cpuUsage();
    let measuredFrom = start;
    const beginMeasuring = () => {
      state.isMeasuring = true;
      cpuAtStart = process.cpuUsage();
      measuredFrom = performance.now();
    };
    const warmup = warmupMs > 0 ? setTimeout(beginMeasuring, warmupMs) : (beginMeasuring(), undefined);
    await Promise.all(Array.from({ length: options.connections }, () => connectionLoop(pool, state, deadline)));
    clearTimeout(warmup);
    const elapsedSeconds = (performance.now() - measuredFrom) / 1000;
    const clientCpu = cpuSeconds(process.cpuUsage(cpuAtStart));
    const count = state.latencies.length;
    const round = (value: number) => Number(value.toFixed(2));
    return {
      requests: count,
      errors: state.errors,
      error_count: Object.values(state.errors).reduce((sum, n) => sum + n, 0),
      throughput_per_s: Math.round(count / elapsedSeconds),
      p50_ms: count ? round(percentile(state.latencies, 50)) : 0,
      p99_ms: count ? round(percentile(state.latencies, 99)) : 0,
      max_ms: round(state.latencies.reduce((max, value) => (value > max ? value : max), 0)),
      client_cpu_seconds: round(clientCpu),
    };
  } finally {
    await pool.close();
  }
}

if (process.argv.includes(CHILD_FLAG) && process.send) {
  process.once('message', (options: SerializableOptions) => {
    driveLoad(options)
      .then((result) => process.send!({ type: 'result', result } satisfies ChildMessage, () => process.exit(0)))
      .catch((error: Error) => process.send!({ type: 'error', message: error.stack ?? error.message } satisfies ChildMessage, () => process.exit(1)));
  });
}
