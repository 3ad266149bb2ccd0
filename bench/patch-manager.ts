/**
 * Patch Manager's server side on a real embedded PostgreSQL, through the service functions the
 * socket and API handlers call (no HTTP in between):
 *
 *   - `evaluation`: one baseline (rules, approved and rejected patterns) compiled once and applied
 *     to BENCH_PATCHES made-up updates, in patches per second (pure CPU);
 *   - `evaluate_node`: `patch:evaluate` for one node offering BENCH_PATCHES updates with 20,000
 *     installed packages (catalogue upsert included);
 *   - `store_report`: `patch:report` with BENCH_PATCHES entries (patches, state and compliance items in one transaction);
 *   - `describe_instance_patch_states`: DescribeInstancePatchStates for 50 nodes at a time over a
 *     fleet of BENCH_NODES scanned nodes, p50/p99 over 300 calls.
 *
 *   npx tsx bench/patch-manager.ts
 *   BENCH_PATCHES=20000 BENCH_NODES=5000 npx tsx bench/patch-manager.ts
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import { randomUUID } from 'node:crypto';
import type { NodePatch, PatchReportEntry } from '../agent/protocol';
import { connectDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { commandInvocations, commands, instancePatchStates, managedNodes } from '../db/schema';
import { setServerContext } from '../server/context';
import { systemCaller } from '../server/identity/caller';
import { compileBaseline, type BaselineRules, type CandidatePatch } from '../server/patch-manager/evaluate';
import { describeInstancePatchStates } from '../server/patch-manager/instance-states';
import { evaluateForNode } from '../server/patch-manager/node-evaluation';
import { ensurePredefinedPatchBaselines } from '../server/patch-manager/predefined';
import { storeReport } from '../server/patch-manager/reports';
import { withScratchDatabase } from './support/scratch';
import { integerFromEnv, percentile } from './support/stats';

const PATCHES = integerFromEnv('BENCH_PATCHES', 5_000, 100, 20_000);
const NODES = integerFromEnv('BENCH_NODES', 2_000, 50, 50_000);
const INSTALLED = 20_000;
const CALLS = 300;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const ms = (value: number) => Number(value.toFixed(2));

const BASELINE: BaselineRules = {
  operatingSystem: 'DEBIAN',
  globalFilters: { PatchFilters: [{ Key: 'PRODUCT', Values: ['Debian*'] }] },
  approvalRules: {
    PatchRules: [
      { PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['Security'] }, { Key: 'PRIORITY', Values: ['required', 'important'] }] }, ApproveAfterDays: 0, ComplianceLevel: 'CRITICAL' },
      { PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['Security'] }] }, ApproveAfterDays: 7, ComplianceLevel: 'HIGH' },
      { PatchFilterGroup: { PatchFilters: [{ Key: 'SECTION', Values: ['libs', 'utils'] }, { Key: 'PACKAGE_NAME', Values: ['lib*'] }] }, ApproveUntilDate: '2026-06-30', ComplianceLevel: 'LOW' },
    ],
  },
  approvedPatches: ['openssl', 'curl=8.*', 'bash:amd64'],
  approvedPatchesComplianceLevel: 'MEDIUM',
  approvedPatchesEnableNonSecurity: false,
  rejectedPatches: ['telnet*', 'nginx=1.18*', 'pkg-1*7'],
  rejectedPatchesAction: 'BLOCK',
};

function nodePatch(index: number, isUpdate: boolean): NodePatch {
  return {
    name: `${index % 3 === 0 ? 'lib' : 'pkg'}-${index}`,
    arch: 'amd64',
    installedVersion: `1.${index}`,
    availableVersion: isUpdate ? `1.${index}.1` : undefined,
    repository: index % 4 === 0 ? 'bookworm-security' : 'bookworm-updates',
    section: ['libs', 'utils', 'net', 'admin'][index % 4]!,
    priority: ['required', 'important', 'optional'][index % 3]!,
    classification: index % 4 === 0 ? 'Security' : 'Bugfix',
    severity: '',
    releaseDate: Date.now() - (index % 30) * 86_400_000,
    cveIds: [],
  };
}

function evaluationThroughput() {
  const candidates: CandidatePatch[] = Array.from({ length: PATCHES }, (_, index) => {
    const patch = nodePatch(index, true);
    return { ...patch, version: patch.availableVersion!, product: 'Debian12' };
  });
  const started = performance.now();
  const evaluate = compileBaseline(BASELINE);
  const now = Date.now();
  let approved = 0;
  const rounds = 20;
  for (let round = 0; round < rounds; round += 1) for (const candidate of candidates) if (evaluate(candidate, now).status === 'APPROVED') approved += 1;
  const seconds = (performance.now() - started) / 1000;
  return { patches: PATCHES, rounds, approved_per_round: approved / rounds, patches_per_s: Math.round((PATCHES * rounds) / seconds) };
}

async function seedFleet(db: ReturnType<typeof connectDatabase>['db']): Promise<string[]> {
  const ids = Array.from({ length: NODES }, (_, index) => `mi-${index.toString(16).padStart(17, '0')}`);
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    await db.insert(managedNodes).values(chunk.map((id) => ({ id, name: id, secretHash: 'x', pingStatus: 'Online' as const, platformType: 'Linux', platformName: 'Debian GNU/Linux', platformVersion: '12' })));
    const now = new Date();
    await db.insert(instancePatchStates).values(chunk.map((nodeId, index) => ({ nodeId, baselineId: 'pb-bench', snapshotId: 'pb-bench-1', operation: 'Scan' as const, rebootOption: 'NoReboot' as const, operationStartTime: now, operationEndTime: now, missingCount: index % 5, installedCount: 400 })));
  }
  return ids;
}

async function newInvocation(db: ReturnType<typeof connectDatabase>['db'], nodeId: string): Promise<string> {
  const commandId = randomUUID();
  const invocationId = randomUUID();
  await db.insert(commands).values({ id: commandId, documentName: 'AWS-RunPatchBaseline', documentVersion: '1', documentHash: 'x', steps: [], maxConcurrency: '1', maxErrors: '0', concurrencyLimit: 1, errorLimit: 0, timeoutSeconds: 3600, executionTimeoutSeconds: 7200, targetCount: 1, requestedBy: 'bench', expiresAt: new Date(Date.now() + 3_600_000) });
  await db.insert(commandInvocations).values({ id: invocationId, commandId, nodeId, seq: 0 });
  return invocationId;
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: ms(performance.now() - started) };
}

const result = await withScratchDatabase('opsdeck-bench-patch-', async ({ database }) => {
  const { db, pool } = connectDatabase(database.url);
  try {
    await runMigrations(db);
    setServerContext({ db, region: 'us-east-1', accountId: '123456789012', masterKey: Buffer.alloc(32), heartbeatSeconds: 30, broadcast: () => {}, disconnectConsoleSessions: () => {}, disconnectAgent: () => {} });
    await ensurePredefinedPatchBaselines();
    log(`evaluation: ${PATCHES} patches x 20 rounds`);
    const evaluation = evaluationThroughput();

    log(`seeding ${NODES} scanned nodes`);
    const ids = await seedFleet(db);
    const nodeId = ids[0]!;
    const updates = Array.from({ length: PATCHES }, (_, index) => nodePatch(index, true));
    const installed = Array.from({ length: INSTALLED }, (_, index) => nodePatch(index, false));
    log(`patch:evaluate: ${PATCHES} updates, ${INSTALLED} installed`);
    const first = await timed(() => evaluateForNode(nodeId, { invocationId: randomUUID(), operation: 'Scan', updates, installed }));
    const again = await timed(() => evaluateForNode(nodeId, { invocationId: randomUUID(), operation: 'Scan', updates, installed }));

    const entries: PatchReportEntry[] = first.result.decisions.map((decision, index) => ({ Title: `${decision.name} 1.${index}.1`, KBId: decision.name, Classification: decision.classification, Severity: decision.severity, State: decision.decision === 'Approved' ? 'Missing' : 'InstalledOther' }));
    log(`patch:report: ${entries.length} entries`);
    const report = { operation: 'Scan' as const, rebootOption: 'NoReboot' as const, baselineId: first.result.baselineId, snapshotId: first.result.snapshotId, patchGroup: null, startedAt: Date.now(), endedAt: Date.now(), rebootRequired: false, patches: entries };
    const stored = await timed(async () => storeReport(nodeId, { ...report, invocationId: await newInvocation(db, nodeId) }));
    const replaced = await timed(async () => storeReport(nodeId, { ...report, invocationId: await newInvocation(db, nodeId) }));

    log(`DescribeInstancePatchStates: ${CALLS} calls of 50 nodes`);
    const caller = systemCaller();
    const samples: number[] = [];
    for (let call = 0; call < CALLS; call += 1) {
      const offset = (call * 50) % (ids.length - 50);
      const { ms: took } = await timed(() => describeInstancePatchStates(caller, { instanceIds: ids.slice(offset, offset + 50), maxResults: 50 }));
      samples.push(took);
    }
    return {
      evaluation,
      evaluate_node: { updates: PATCHES, installed: INSTALLED, first_ms: first.ms, again_ms: again.ms, approved: first.result.decisions.filter((decision) => decision.decision === 'Approved').length },
      store_report: { entries: entries.length, first_ms: stored.ms, replace_ms: replaced.ms },
      describe_instance_patch_states: { nodes: NODES, per_call: 50, calls: CALLS, p50_ms: percentile(samples, 50), p99_ms: percentile(samples, 99) },
    };
  } finally {
    await pool.end();
  }
});

process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
