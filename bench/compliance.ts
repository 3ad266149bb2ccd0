/**
 * Compliance summaries over a big fleet, through the real SSM API (SigV4, AWS JSON 1.1), on a real
 * embedded PostgreSQL: 1,000 nodes, each with 200 compliance items (180 Patch, 10 Association,
 * 10 Custom:Backups; about one in twenty non-compliant, at every severity), stored with
 * PutComplianceItems. Then, one call at a time:
 *
 *   - `list_compliance_summaries`: ListComplianceSummaries, every type (what the console's cards show);
 *   - `resource_summaries_first_page`: ListResourceComplianceSummaries, the first 50;
 *   - `resource_summaries_non_compliant_patch`: the same filtered on ComplianceType=Patch, Status=NON_COMPLIANT;
 *   - `resource_summaries_last_page`: the last page of all 3,000 (resource, type) rows;
 *   - `list_compliance_items_node`: ListComplianceItems of one node's Patch items (first 50).
 *
 *   npx tsx bench/compliance.ts
 *   BENCH_NODES=200 BENCH_ITEMS=100 BENCH_RUNS=30 npx tsx bench/compliance.ts
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BOOTSTRAP_ENV, signedSsmCall } from '../e2e/support/aws';
import { startServer } from '../e2e/support/server';
import { encodeNextToken } from '../server/api/pagination';
import { withScratchDatabase } from './support/scratch';
import { integerFromEnv, percentile } from './support/stats';

const NODES = integerFromEnv('BENCH_NODES', 1_000, 10, 100_000);
const ITEMS = integerFromEnv('BENCH_ITEMS', 200, 30, 10_000);
const RUNS = integerFromEnv('BENCH_RUNS', 50, 5, 10_000);
const SEED_CONCURRENCY = 8;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const nodeId = (index: number) => `mi-${index.toString(16).padStart(17, '0')}`;

async function seedNodes(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const ids = Array.from({ length: NODES }, (_, index) => nodeId(index));
    await pool.query(
      `insert into managed_nodes (id, name, secret_hash, ping_status) select id, 'bench-' || id, repeat('0', 64), 'Online' from unnest($1::text[]) as id`,
      [ids],
    );
  } finally {
    await pool.end();
  }
}

/** The node's uploads: most items compliant, every twentieth not, severities in turn. */
function uploadsOf(index: number) {
  const patchCount = ITEMS - 20;
  const item = (prefix: string, n: number) => ({
    Id: `${prefix}-${n}`,
    Title: `${prefix} ${n}`,
    Severity: SEVERITIES[(index + n) % SEVERITIES.length],
    Status: (index + n) % 20 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT',
    Details: { Classification: 'SecurityUpdates', PatchState: 'Installed' },
  });
  return [
    { ComplianceType: 'Patch', Items: Array.from({ length: patchCount }, (_, n) => item('pkg', n)) },
    { ComplianceType: 'Association', Items: Array.from({ length: 10 }, (_, n) => item('assoc', n)) },
    { ComplianceType: 'Custom:Backups', Items: Array.from({ length: 10 }, (_, n) => item('backup', n)) },
  ];
}

async function seedItems(url: string): Promise<{ seconds: number; puts_per_s: number }> {
  const started = performance.now();
  let next = 0;
  let puts = 0;
  const worker = async () => {
    while (next < NODES) {
      const index = next++;
      for (const upload of uploadsOf(index)) {
        const { status, body } = await signedSsmCall(url, 'PutComplianceItems', {
          ResourceId: nodeId(index),
          ResourceType: 'ManagedInstance',
          ExecutionSummary: { ExecutionTime: Date.now() / 1000, ExecutionId: `seed-${index}`, ExecutionType: 'Command' },
          UploadType: 'COMPLETE',
          ...upload,
        });
        if (status !== 200) throw new Error(`PutComplianceItems: ${status} ${JSON.stringify(body)}`);
        puts += 1;
      }
      if (index % 200 === 0) log(`seeded ${index.toLocaleString('en')} nodes`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { seconds: Number(seconds.toFixed(1)), puts_per_s: Math.round(puts / seconds) };
}

async function measure(url: string, operation: string, body: unknown): Promise<{ p50_ms: number; p99_ms: number; results: number }> {
  const timings: number[] = [];
  let results = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const { status, body: response } = await signedSsmCall(url, operation, body);
    timings.push(performance.now() - started);
    if (status !== 200) throw new Error(`${operation}: ${status} ${JSON.stringify(response)}`);
    results = Object.values(response).find(Array.isArray)?.length ?? 0;
  }
  return { p50_ms: Number(percentile(timings, 50).toFixed(1)), p99_ms: Number(percentile(timings, 99).toFixed(1)), results };
}

async function main(): Promise<void> {
  const output = await withScratchDatabase('opsdeck-bench-compliance-', async ({ root, database }) => {
    log('starting the server (it applies the migrations)');
    const server = await startServer({ databaseUrl: database.url, dataDir: path.join(root, 'server'), env: BOOTSTRAP_ENV });
    try {
      log(`seeding ${NODES.toLocaleString('en')} nodes × ${ITEMS} items`);
      await seedNodes(database.url);
      const seed = await seedItems(server.url);
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      await pool.query('vacuum analyze compliance_items').finally(() => pool.end());
      const rows = NODES * 3;
      const scenarios = {
        list_compliance_summaries: await measure(server.url, 'ListComplianceSummaries', {}),
        resource_summaries_first_page: await measure(server.url, 'ListResourceComplianceSummaries', { MaxResults: 50 }),
        resource_summaries_non_compliant_patch: await measure(server.url, 'ListResourceComplianceSummaries', {
          MaxResults: 50,
          Filters: [
            { Key: 'ComplianceType', Values: ['Patch'] },
            { Key: 'Status', Values: ['NON_COMPLIANT'] },
          ],
        }),
        resource_summaries_last_page: await measure(server.url, 'ListResourceComplianceSummaries', {
          MaxResults: 50,
          NextToken: encodeNextToken('ListResourceComplianceSummaries', rows - 50),
        }),
        list_compliance_items_node: await measure(server.url, 'ListComplianceItems', { ResourceIds: [nodeId(NODES - 1)], Filters: [{ Key: 'ComplianceType', Values: ['Patch'] }], MaxResults: 50 }),
      };
      return { nodes: NODES, items_per_node: ITEMS, items: NODES * ITEMS, runs: RUNS, cpus: os.cpus().length, seed, scenarios };
    } finally {
      await server.stop();
    }
  });
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
