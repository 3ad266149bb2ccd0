/**
 * SSM API throughput: SigV4-signed AWS JSON 1.1 calls against the real server and a real
 * embedded PostgreSQL, from a fixed number of concurrent clients for a fixed time.
 *
 *   npx tsx bench/api-throughput.ts                          # DescribeInstanceInformation, 8 clients, 15 s
 *   BENCH_CONCURRENCY=16 BENCH_SECONDS=30 npx tsx bench/api-throughput.ts
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from '../agent/agent';
import { collectMetadata } from '../agent/metadata';
import { startEmbeddedDatabase } from '../db/embedded';
import { BOOTSTRAP_ENV, signedSsmCall } from '../e2e/support/aws';
import { ConsoleClient } from '../e2e/support/console-client';
import { startServer } from '../e2e/support/server';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const NODES = 50; // registered (not connected) nodes the describe call has to list

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

async function clientLoop(url: string, operation: string, body: unknown, deadline: number, latencies: number[], errors: string[]) {
  while (performance.now() < deadline) {
    const start = performance.now();
    const response = await signedSsmCall(url, operation, body);
    latencies.push(performance.now() - start);
    if (response.status !== 200) errors.push(String(response.body.__type));
  }
}

async function measure(url: string, operation: string, body: unknown) {
  const latencies: number[] = [];
  const errors: string[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, () => clientLoop(url, operation, body, deadline, latencies, errors)));
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: errors.length,
    throughput_per_s: Math.round(latencies.length / SECONDS),
    p50_ms: Number(percentile(latencies, 50).toFixed(1)),
    p99_ms: Number(percentile(latencies, 99).toFixed(1)),
  };
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-api-'));
  fs.chmodSync(root, 0o711);
  const database = await startEmbeddedDatabase(path.join(root, 'pg'));
  const server = await startServer({ databaseUrl: database.url, env: BOOTSTRAP_ENV });
  try {
    const admin = await ConsoleClient.signIn(server.url);
    const activation = await admin.createActivation({ registrationLimit: NODES });
    log(`registering ${NODES} nodes`);
    for (let index = 0; index < NODES; index += 1) {
      await Agent.register({ serverUrl: server.url, ...activation, stateDir: path.join(root, `agent-${index}`), metadata: collectMetadata() });
    }
    const idleRss = rssMb(server.process.child.pid!);
    log(`DescribeInstanceInformation x ${CONCURRENCY} clients for ${SECONDS}s`);
    const describe = await measure(server.url, 'DescribeInstanceInformation', { MaxResults: 50 });
    log(`CreateActivation x ${CONCURRENCY} clients for ${SECONDS}s`);
    const create = await measure(server.url, 'CreateActivation', { IamRole: 'bench', RegistrationLimit: 1 });
    const result = {
      benchmark: 'api-throughput',
      concurrency: CONCURRENCY,
      seconds_per_operation: SECONDS,
      nodes: NODES,
      describe_instance_information: describe,
      create_activation_audited_write: create,
      server_rss_mb: { idle: idleRss, after: rssMb(server.process.child.pid!) },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
    await database.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
