/**
 * Parameter Store read throughput over the real SSM API (SigV4, AWS JSON 1.1), with 10,000
 * parameters stored in a real embedded PostgreSQL, from 50 keep-alive connections in a separate
 * load-generator process:
 *
 *   - `get_string`: GetParameter on 1,000 different String parameters, round-robin;
 *   - `get_secure_decrypted`: GetParameter WithDecryption on 1,000 SecureStrings (each read is
 *     authorised twice, ssm:GetParameter and kms:Decrypt, and audited twice, GetParameter and Decrypt);
 *   - `get_string_while_writing`: the String load again while this process overwrites parameters
 *     and reads each back at once, counting reads that returned an older version than the write
 *     that had already returned (must be 0).
 *
 *   npm run bench:parameters
 *   BENCH_PARAMETERS=2000 BENCH_SECONDS=5 npm run bench:parameters
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import os from 'node:os';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { BOOTSTRAP_ENV, BOOTSTRAP_KEY, ssmClient } from '../e2e/support/aws';
import { startServer } from '../e2e/support/server';
import { cpuSecondsOf, postgresCpuSeconds, rssMb } from './support/proc';
import { runSignedLoad, type SignedLoadResult, type SsmCall } from './support/signed-load';
import { withScratchDatabase } from './support/scratch';
import { integerFromEnv } from './support/stats';

const PARAMETERS = integerFromEnv('BENCH_PARAMETERS', 10_000, 100, 100_000);
const SECURE_SHARE = 10; // one parameter in ten is a SecureString
const CONNECTIONS = integerFromEnv('BENCH_CONNECTIONS', 50, 1, 1000);
const SECONDS = integerFromEnv('BENCH_SECONDS', 15, 1, 3600);
const READ_SET = 1_000; // distinct names each load cycles through
const SEED_CONCURRENCY = 32;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const nameOf = (index: number) => (index % SECURE_SHARE === 0 ? `/bench/secure/app-${index % 50}/secret-${index}` : `/bench/config/app-${index % 50}/setting-${index}`);

async function seed(ssm: SSMClient): Promise<{ seconds: number; per_s: number }> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < PARAMETERS) {
      const index = next++;
      const name = nameOf(index);
      await ssm.send(new PutParameterCommand({ Name: name, Value: `value-${index}-${'x'.repeat(64)}`, Type: name.includes('/secure/') ? 'SecureString' : 'String' }));
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { seconds: Number(seconds.toFixed(1)), per_s: Math.round(PARAMETERS / seconds) };
}

function readSet(secure: boolean): SsmCall[] {
  const names: string[] = [];
  for (let index = 0; names.length < READ_SET && index < PARAMETERS; index += 1) {
    if ((index % SECURE_SHARE === 0) === secure) names.push(nameOf(index));
  }
  return names.map((name) => ({ operation: 'GetParameter', body: secure ? { Name: name, WithDecryption: true } : { Name: name } }));
}

/** Overwrites and reads back until stopped; a read older than the write that returned is stale. */
async function writeAndCheck(ssm: SSMClient, stop: () => boolean) {
  let writes = 0;
  let stale = 0;
  for (let round = 0; !stop(); round += 1) {
    const name = `/bench/consistency/key-${round % 20}`;
    const { Version } = await ssm.send(new PutParameterCommand({ Name: name, Value: `round-${round}`, Type: 'String', Tier: 'Advanced', Overwrite: true }));
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
    writes += 1;
    if (Parameter!.Version! < Version! || Parameter!.Value !== `round-${round}`) stale += 1;
  }
  return { writes, stale_reads: stale };
}

type Measured = SignedLoadResult & { server_cpu_cores: number; postgres_cpu_cores: number; client_cpu_cores: number; server_rss_mb: number };

async function measure(url: string, serverPid: number, clusterDir: string, name: string, requests: SsmCall[]): Promise<Measured> {
  log(`${name}: ${CONNECTIONS} connections for ${SECONDS}s (+1s warm-up)`);
  const before = { server: cpuSecondsOf(serverPid), postgres: postgresCpuSeconds(clusterDir), at: Date.now() };
  const result = await runSignedLoad({ url, connections: CONNECTIONS, seconds: SECONDS, requests, ...BOOTSTRAP_KEY });
  const wallSeconds = (Date.now() - before.at) / 1000;
  const cores = (seconds: number) => Number((seconds / wallSeconds).toFixed(2));
  return {
    ...result,
    server_cpu_cores: cores(cpuSecondsOf(serverPid) - before.server),
    postgres_cpu_cores: cores(postgresCpuSeconds(clusterDir) - before.postgres),
    client_cpu_cores: Number((result.client_cpu_seconds / SECONDS).toFixed(2)),
    server_rss_mb: rssMb(serverPid),
  };
}

async function main(): Promise<void> {
  await withScratchDatabase('opsdeck-bench-parameters-', async ({ database, clusterDir }) => {
    const server = await startServer({ databaseUrl: database.url, env: BOOTSTRAP_ENV });
    const serverPid = server.process.child.pid!;
    try {
      const ssm = ssmClient(server.url);
      log(`storing ${PARAMETERS} parameters (${PARAMETERS / SECURE_SHARE} SecureString)`);
      const seeded = await seed(ssm);
      const getString = await measure(server.url, serverPid, clusterDir, 'get_string', readSet(false));
      const getSecure = await measure(server.url, serverPid, clusterDir, 'get_secure_decrypted', readSet(true));
      let stopping = false;
      const checker = writeAndCheck(ssmClient(server.url), () => stopping);
      // Awaited below; until then a failure must not end the process before `finally` stops the server.
      checker.catch(() => {});
      const whileWriting = await measure(server.url, serverPid, clusterDir, 'get_string_while_writing', readSet(false));
      stopping = true;
      const consistency = await checker;
      const result = {
        benchmark: 'parameter-store',
        machine: { cpus: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30) },
        parameters_stored: PARAMETERS,
        connections: CONNECTIONS,
        seconds_per_scenario: SECONDS,
        seed_put_parameter: seeded,
        get_string: { ...getString, target_per_s: 10_000 },
        get_secure_decrypted: { ...getSecure, target_per_s: 5_000 },
        get_string_while_writing: { ...whileWriting, ...consistency },
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await server.stop();
    }
  });
}

await main();
