/**
 * Inventory storage and fleet queries on a real embedded PostgreSQL, through the inventory
 * services themselves (what the agent's `inventory:put` and GetInventory run):
 *
 *   - `store_first_ms`: a node's first AWS:Application of 2,000 packages (every entry inserted);
 *   - `store_changed_ms`: the next collection with 20 packages upgraded, 5 removed, 5 added (diff + history);
 *   - `store_unchanged_ms`: the same ContentHash again (only the capture time moves);
 *   - `query_version_below_ms`: over 500 nodes × 1,000 packages, "openssl below 3.0.15" compared as dpkg does;
 *   - `query_running_service_ms`: nodes running the service `nginx`;
 *   - `aggregate_top_packages_ms`: nodes per package name, fleet-wide;
 *   - `aggregate_version_spread_ms`: openssl's version spread.
 *
 *   npx tsx bench/inventory.ts
 *   BENCH_NODES=200 BENCH_PACKAGES=500 BENCH_RUNS=10 npx tsx bench/inventory.ts
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import pg from 'pg';
import { connectDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import type { InventoryItem } from '../agent/protocol';
import { setServerContext } from '../server/context';
import { aggregate } from '../server/inventory/aggregates';
import { matchFleet } from '../server/inventory/query';
import { storeInventoryItem } from '../server/inventory/store';
import { withScratchDatabase } from './support/scratch';
import { integerFromEnv, percentile } from './support/stats';

const NODES = integerFromEnv('BENCH_NODES', 500, 10, 100_000);
const PACKAGES = integerFromEnv('BENCH_PACKAGES', 1_000, 50, 20_000);
const STORE_PACKAGES = integerFromEnv('BENCH_STORE_PACKAGES', 2_000, 100, 10_000);
const RUNS = integerFromEnv('BENCH_RUNS', 20, 3, 10_000);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const nodeId = (index: number) => `mi-${index.toString(16).padStart(17, '0')}`;
const round = (ms: number) => Math.round(ms * 10) / 10;

function packageList(count: number, patch: number): Record<string, string>[] {
  return Array.from({ length: count }, (_, index) => ({
    Name: index === 0 ? 'openssl' : `package-${index}`,
    Version: index === 0 ? `3.0.${patch}` : `1.${index % 17}.${(index * 7) % 23}`,
    Release: `${(index % 3) + 1}+deb12u1`,
    Epoch: '',
    Architecture: index % 9 === 0 ? 'all' : 'amd64',
    Publisher: 'Debian',
    ApplicationType: 'utils',
    Summary: `package number ${index}, a line of description as dpkg gives it`,
    InstalledTime: '2026-11-01T10:00:00Z',
  }));
}

const item = (content: Record<string, string>[], hash: string): InventoryItem => ({ TypeName: 'AWS:Application', SchemaVersion: '1.1', CaptureTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), ContentHash: hash, Content: content });

async function seedNodes(pool: pg.Pool, count: number): Promise<void> {
  const ids = Array.from({ length: count }, (_, index) => nodeId(index));
  await pool.query(`insert into managed_nodes (id, name, secret_hash, ping_status, platform_name) select id, 'bench-' || id, repeat('0', 64), 'Online', 'Debian GNU/Linux' from unnest($1::text[]) as id`, [ids]);
}

/** The fleet's packages written in bulk by SQL (seeding is not what is measured); one node in ten has an older openssl. */
async function seedFleetInventory(pool: pg.Pool): Promise<void> {
  await pool.query(
    `insert into inventory_types (node_id, type_name, schema_version, capture_time, content_hash, item_count)
     select id, t, '1.0', now() - (random() * interval '2 hours'), md5(id || t), case t when 'AWS:Application' then $1 else 3 end
     from managed_nodes, unnest(array['AWS:Application', 'AWS:Service']) t where id like 'mi-0%'`,
    [PACKAGES],
  );
  await pool.query(
    `insert into inventory_entries (node_id, type_name, item_key, data)
     select n.id, 'AWS:Application', case when p = 0 then 'openssl:amd64' else 'package-' || p || ':amd64' end,
       jsonb_build_object('Name', case when p = 0 then 'openssl' else 'package-' || p end,
         'Version', case when p = 0 then (case when right(n.id, 1) = '0' then '3.0.11' else '3.0.15' end) else '1.' || (p % 17) || '.' || (p % 23) end,
         'Release', '1', 'Architecture', 'amd64', 'Publisher', 'Debian', 'Summary', 'a package')
     from managed_nodes n, generate_series(0, $1 - 1) p where n.id like 'mi-0%'`,
    [PACKAGES],
  );
  await pool.query(
    `insert into inventory_entries (node_id, type_name, item_key, data)
     select n.id, 'AWS:Service', s, jsonb_build_object('Name', s, 'Status', case when s = 'nginx' and right(n.id, 1) in ('1', '2') then 'Stopped' else 'Running' end, 'StartType', 'Auto')
     from managed_nodes n, unnest(array['nginx', 'ssh', 'cron']) s where n.id like 'mi-0%'`,
  );
  await pool.query('analyze');
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
}

async function main(): Promise<void> {
  await withScratchDatabase('opsdeck-bench-inventory-', async ({ database }) => {
    const { db, pool } = connectDatabase(database.url);
    try {
      await runMigrations(db);
      setServerContext({ db, region: 'us-east-1', accountId: '123456789012', masterKey: Buffer.alloc(32), heartbeatSeconds: 5, broadcast: () => {}, disconnectConsoleSessions: () => {}, disconnectAgent: () => {} });
      const storePool = new pg.Pool({ connectionString: database.url, max: 1 });
      await seedNodes(storePool, NODES);
      // Nodes for the storage runs, outside the queried fleet (their ids start mi-1...).
      const storeNodes = Array.from({ length: RUNS }, (_, index) => `mi-1${index.toString(16).padStart(16, '0')}`);
      await storePool.query(`insert into managed_nodes (id, name, secret_hash) select id, id, repeat('0', 64) from unnest($1::text[]) id`, [storeNodes]);

      log(`storing ${STORE_PACKAGES}-package inventories, ${RUNS} runs each`);
      const first = packageList(STORE_PACKAGES, 11);
      const changed = packageList(STORE_PACKAGES + 5, 15).slice(5).map((entry, index) => (index < 20 ? { ...entry, Version: `${entry.Version}.1` } : entry));
      let cursor = 0;
      const storeFirst = await timed(RUNS, () => storeInventoryItem(storeNodes[cursor++]!, item(first, 'first')));
      cursor = 0;
      const storeChanged = await timed(RUNS, () => storeInventoryItem(storeNodes[cursor++]!, item(changed, 'changed')));
      cursor = 0;
      const storeUnchanged = await timed(RUNS, () => storeInventoryItem(storeNodes[cursor++]!, item(changed, 'changed')));

      log(`seeding ${NODES} nodes × ${PACKAGES} packages`);
      await seedFleetInventory(storePool);
      await storePool.end();
      const opensslBelow = [
        { typeName: 'AWS:Application', attribute: 'Name', operator: 'Equal' as const, values: ['openssl'] },
        { typeName: 'AWS:Application', attribute: 'Version', operator: 'LessThan' as const, values: ['3.0.15'] },
      ];
      const below = await matchFleet(opensslBelow);
      const runningNginx = [
        { typeName: 'AWS:Service', attribute: 'Name', operator: 'Equal' as const, values: ['nginx'] },
        { typeName: 'AWS:Service', attribute: 'Status', operator: 'Equal' as const, values: ['Running'] },
      ];
      log('querying');
      const result = {
        nodes: NODES,
        packages_per_node: PACKAGES,
        store_packages: STORE_PACKAGES,
        runs: RUNS,
        store_first_ms: storeFirst,
        store_changed_ms: storeChanged,
        store_unchanged_ms: storeUnchanged,
        query_version_below_ms: await timed(RUNS, () => matchFleet(opensslBelow)),
        query_version_below_matches: below.nodeIds.length,
        query_running_service_ms: await timed(RUNS, () => matchFleet(runningNginx)),
        aggregate_top_packages_ms: await timed(RUNS, () => aggregate({ typeName: 'AWS:Application', attributes: ['Name'] }, [])),
        aggregate_version_spread_ms: await timed(RUNS, () => aggregate({ typeName: 'AWS:Application', attributes: ['Version'] }, [opensslBelow[0]!])),
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await pool.end();
    }
  });
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
