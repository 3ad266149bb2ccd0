/**
 * aws:runPatchBaseline against the real apt and dpkg of this machine, with made-up `opsdeck-*`
 * packages from a local repository. The server's side (`patch:evaluate`, `patch:report`) is a small
 * function here that answers as the server would; the server's own tests cover it for real.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAptRepo, type AptRepo, type DemoPackage } from '@/e2e/support/apt-repo';
import type { NodePatch, PatchDecision, PatchEvaluate, PatchEvaluateResult, PatchReport } from '../protocol';
import { runPatchBaseline } from './plugin';
import { pluginContext, type FakeCall } from './testing';

const RELEASED = new Date('2026-11-01T08:00:00Z');
const REBOOT_FLAG = 'touch "${OPSDECK_REBOOT_REQUIRED_FILE:-/var/run/reboot-required}"';

const INSTALLED: DemoPackage[] = [
  { name: 'opsdeck-demo', version: '1.0', pocket: 'main' },
  { name: 'opsdeck-extra', version: '1.0', pocket: 'main' },
];
const UPDATES: DemoPackage[] = [
  { name: 'opsdeck-demo', version: '1.1', pocket: 'security', section: 'utils', priority: 'important', releaseDate: RELEASED, postinst: REBOOT_FLAG },
  { name: 'opsdeck-extra', version: '1.1', pocket: 'updates' },
];

interface Baseline {
  decide(update: NodePatch): PatchDecision;
  rejectedPatchesAction?: PatchEvaluateResult['rejectedPatchesAction'];
  sources?: PatchEvaluateResult['sources'];
  notApplicable?: string[];
}

/** What the server does with the plugin's calls, reduced to a decision function. */
function fakeServer(baseline: Baseline) {
  const evaluations: PatchEvaluate[] = [];
  const reports: PatchReport[] = [];
  const call = (async (event: string, payload: unknown) => {
    if (event === 'patch:evaluate') {
      const request = payload as PatchEvaluate;
      evaluations.push(request);
      const decide = (patch: NodePatch) => (patch.name.startsWith('opsdeck-') ? baseline.decide(patch) : 'NotApproved');
      return {
        ok: true,
        result: {
          baselineId: 'pb-0123456789abcdef0',
          patchGroup: null,
          snapshotId: 'snapshot-1',
          rejectedPatchesAction: baseline.rejectedPatchesAction ?? 'ALLOW_AS_DEPENDENCY',
          sources: baseline.sources ?? [],
          decisions: request.updates.map((update) => ({ name: update.name, decision: decide(update), complianceLevel: 'HIGH', classification: update.classification, severity: update.severity })),
          installedDecisions: request.installed.map(decide),
          notApplicable: baseline.notApplicable ?? [],
        },
      };
    }
    if (event === 'patch:report') {
      reports.push(payload as PatchReport);
      return { ok: true, result: { stored: true } };
    }
    return { ok: false, error: `${event}: not expected in this test` };
  }) as FakeCall;
  return { call, evaluations, reports };
}

const securityOnly = (update: NodePatch): PatchDecision => (update.classification === 'Security' ? 'Approved' : 'NotApproved');

function patchOf(report: PatchReport | undefined, kbId: string) {
  return report?.patches.find((patch) => patch.KBId === kbId);
}

describe('aws:runPatchBaseline with apt', () => {
  let repo: AptRepo;
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(() => {
    repo = createAptRepo({ packages: [...INSTALLED, ...UPDATES] });
    for (const [key, value] of Object.entries(repo.env)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
  });

  afterAll(() => {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    repo?.cleanup();
  });

  beforeEach(() => {
    repo.publish([...INSTALLED, ...UPDATES]);
    // dpkg takes a second per run (it syncs its database): only packages a test changed are put back.
    for (const pkg of INSTALLED) if (repo.isInstalled(pkg.name) !== pkg.version) repo.installDirect(pkg.name, pkg.version);
    fs.rmSync(repo.rebootRequiredFile, { force: true });
    fs.rmSync(repo.rebootMarkerFile, { force: true });
  });

  it('Scan sends the offered updates with their classification and release date, and reports approved ones Missing', async () => {
    const server = fakeServer({ decide: securityOnly, notApplicable: ['opsdeck-absent'] });
    const ctx = pluginContext(server.call);
    const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Scan' } }, ctx);
    expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });

    const updates = server.evaluations[0]!.updates;
    const demo = updates.find((update) => update.name === 'opsdeck-demo');
    const extra = updates.find((update) => update.name === 'opsdeck-extra');
    expect(demo).toMatchObject({ installedVersion: '1.0', availableVersion: '1.1', classification: 'Security', repository: 'opsdeck-security', section: 'utils', priority: 'important', releaseDate: RELEASED.getTime() });
    expect(extra).toMatchObject({ installedVersion: '1.0', availableVersion: '1.1', classification: 'Bugfix', repository: 'opsdeck-updates' });
    // No date of its own: the suite's Release file (written when the repository was published) dates it.
    expect(Math.abs(extra!.releaseDate! - Date.now())).toBeLessThan(10 * 60_000);
    expect(server.evaluations[0]!.installed).toContainEqual(expect.objectContaining({ name: 'opsdeck-demo', installedVersion: '1.0' }));

    const report = server.reports[0];
    expect(report).toMatchObject({ operation: 'Scan', rebootOption: 'RebootIfNeeded', baselineId: 'pb-0123456789abcdef0', snapshotId: 'snapshot-1', rebootRequired: false });
    expect(patchOf(report, 'opsdeck-demo')).toMatchObject({ Title: 'opsdeck-demo 1.1', State: 'Missing', Classification: 'Security' });
    // Offered but not approved: the installed package counts, the update is not Missing.
    expect(patchOf(report, 'opsdeck-extra')).toMatchObject({ Title: 'opsdeck-extra 1.0', State: 'InstalledOther' });
    expect(patchOf(report, 'opsdeck-absent')).toMatchObject({ State: 'NotApplicable' });
    expect(repo.isInstalled('opsdeck-demo')).toBe('1.0');
    expect(ctx.stdout()).toContain('Patch states:');
  });

  it('Install installs only the approved update; NoReboot leaves it InstalledPendingReboot and does not reboot', async () => {
    const server = fakeServer({ decide: securityOnly });
    const ctx = pluginContext(server.call);
    const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Install', RebootOption: 'NoReboot' } }, ctx);
    expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });

    expect(repo.isInstalled('opsdeck-demo')).toBe('1.1');
    expect(repo.isInstalled('opsdeck-extra')).toBe('1.0');
    const report = server.reports[0];
    expect(report).toMatchObject({ operation: 'Install', rebootOption: 'NoReboot', rebootRequired: true, isRebooting: false });
    expect(patchOf(report, 'opsdeck-demo')).toMatchObject({ Title: 'opsdeck-demo 1.1', State: 'InstalledPendingReboot', InstalledTime: expect.any(Number) });
    expect(patchOf(report, 'opsdeck-extra')).toMatchObject({ State: 'InstalledOther' });
    expect(fs.existsSync(repo.rebootMarkerFile)).toBe(false);
    expect(ctx.stdout()).toContain('Installed: opsdeck-demo 1.1');
    expect(ctx.stdout()).toContain('not rebooting (RebootOption NoReboot)');
  });

  it('RebootIfNeeded reports first, then runs the reboot command', async () => {
    const server = fakeServer({ decide: securityOnly });
    const ctx = pluginContext(server.call);
    const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Install', RebootOption: 'RebootIfNeeded' } }, ctx);
    expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });
    expect(server.reports).toHaveLength(1);
    expect(server.reports[0]).toMatchObject({ rebootRequired: true, isRebooting: true });
    expect(patchOf(server.reports[0], 'opsdeck-demo')).toMatchObject({ State: 'InstalledPendingReboot' });
    expect(fs.readFileSync(repo.rebootMarkerFile, 'utf8')).toContain('reboot requested');
  });

  it('a package with no update and nothing to reboot is Installed when approved', async () => {
    repo.publish(INSTALLED);
    const server = fakeServer({ decide: () => 'Approved' });
    const ctx = pluginContext(server.call);
    const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Install' } }, ctx);
    expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });
    expect(server.evaluations[0]!.updates.filter((update) => update.name.startsWith('opsdeck-'))).toEqual([]);
    expect(patchOf(server.reports[0], 'opsdeck-demo')).toMatchObject({ Title: 'opsdeck-demo 1.0', State: 'Installed' });
    expect(fs.existsSync(repo.rebootMarkerFile)).toBe(false);
  });

  describe('a rejected dependency', () => {
    const dependent: DemoPackage[] = [
      ...INSTALLED,
      { ...UPDATES[0]!, depends: 'opsdeck-extra (>= 1.1)', postinst: undefined },
      UPDATES[1]!,
    ];
    const rejectExtra = (update: NodePatch): PatchDecision => (update.name === 'opsdeck-extra' ? 'Rejected' : 'Approved');

    it('BLOCK keeps it out even as a dependency: the approved update that needs it fails', async () => {
      repo.publish(dependent);
      const server = fakeServer({ decide: rejectExtra, rejectedPatchesAction: 'BLOCK' });
      const ctx = pluginContext(server.call);
      const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Install', RebootOption: 'NoReboot' } }, ctx);
      expect(outcome.status).toBe('Failed');
      expect(outcome.message).toContain('opsdeck-demo 1.1');
      expect(repo.isInstalled('opsdeck-extra')).toBe('1.0');
      expect(repo.isInstalled('opsdeck-demo')).toBe('1.0');
      expect(patchOf(server.reports[0], 'opsdeck-demo')).toMatchObject({ State: 'Failed' });
      expect(patchOf(server.reports[0], 'opsdeck-extra')).toMatchObject({ Title: 'opsdeck-extra 1.0', State: 'InstalledRejected' });
      expect(ctx.stderr()).toContain('apt-get install');
    });

    it('ALLOW_AS_DEPENDENCY installs it for the approved update, and reports it InstalledRejected', async () => {
      repo.publish(dependent);
      const server = fakeServer({ decide: rejectExtra, rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY' });
      const ctx = pluginContext(server.call);
      const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Install', RebootOption: 'NoReboot' } }, ctx);
      expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });
      expect(repo.isInstalled('opsdeck-demo')).toBe('1.1');
      expect(repo.isInstalled('opsdeck-extra')).toBe('1.1');
      expect(patchOf(server.reports[0], 'opsdeck-demo')).toMatchObject({ State: 'Installed' });
      expect(patchOf(server.reports[0], 'opsdeck-extra')).toMatchObject({ Title: 'opsdeck-extra 1.1', State: 'InstalledRejected' });
    });
  });

  it('an InstallOverrideList replaces the baseline choice and is named in the report', async () => {
    const list = path.join(repo.dir, 'override.yaml');
    fs.writeFileSync(list, 'patches:\n  - id: opsdeck-extra\n    title: opsdeck-extra 1.1\n');
    const server = fakeServer({ decide: securityOnly });
    const ctx = pluginContext(server.call);
    const outcome = await runPatchBaseline(
      { name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Install', RebootOption: 'NoReboot', InstallOverrideList: `file://${list}` } },
      ctx,
    );
    expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });
    expect(repo.isInstalled('opsdeck-extra')).toBe('1.1');
    expect(repo.isInstalled('opsdeck-demo')).toBe('1.0');
    const report = server.reports[0];
    expect(report?.installOverrideList).toBe(`file://${list}`);
    expect(patchOf(report, 'opsdeck-extra')).toMatchObject({ Title: 'opsdeck-extra 1.1', State: 'InstalledOther' });
    // Approved but not on the list: still missing.
    expect(patchOf(report, 'opsdeck-demo')).toMatchObject({ State: 'Missing' });
  });

  it("uses the baseline's extra sources for this run only", async () => {
    const extraRepo = createAptRepo({ suite: 'opsdeck-alt', packages: [{ name: 'opsdeck-demo', version: '1.2', pocket: 'security' }] });
    try {
      repo.publish(INSTALLED);
      const line = fs.readFileSync(path.join(extraRepo.dir, 'sources.list'), 'utf8').split('\n').find((entry) => entry.includes('opsdeck-alt-security'))!;
      const server = fakeServer({ decide: securityOnly, sources: [{ name: 'alt', products: ['*'], configuration: line }] });
      const ctx = pluginContext(server.call);
      const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Scan' } }, ctx);
      expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });
      expect(server.evaluations).toHaveLength(2);
      expect(server.evaluations[1]!.updates).toContainEqual(expect.objectContaining({ name: 'opsdeck-demo', availableVersion: '1.2', repository: 'opsdeck-alt-security' }));
      expect(patchOf(server.reports[0], 'opsdeck-demo')).toMatchObject({ Title: 'opsdeck-demo 1.2', State: 'Missing' });
      expect(fs.readdirSync(path.join(repo.dir, 'sources.list.d'))).toEqual([]);
    } finally {
      extraRepo.cleanup();
    }
  });

  it('fails with the server’s words when the evaluation is refused, and sends no report', async () => {
    const reports: unknown[] = [];
    const call = (async (event: string, payload: unknown) => {
      if (event === 'patch:report') reports.push(payload);
      return { ok: false, error: 'no baseline for this node' };
    }) as FakeCall;
    const ctx = pluginContext(call);
    const outcome = await runPatchBaseline({ name: 'PatchLinux', action: 'aws:runPatchBaseline', inputs: { Operation: 'Scan' } }, ctx);
    expect(outcome).toMatchObject({ status: 'Failed', message: 'patch:evaluate: the server refused: no baseline for this node' });
    expect(reports).toEqual([]);
  });

  it('refuses a bad Operation and a BaselineOverride before touching apt', async () => {
    const ctx = pluginContext(fakeServer({ decide: securityOnly }).call);
    expect(await runPatchBaseline({ name: 'p', action: 'aws:runPatchBaseline', inputs: { Operation: 'Remove' } }, ctx)).toMatchObject({ status: 'Failed', message: 'Operation must be Scan or Install' });
    expect(await runPatchBaseline({ name: 'p', action: 'aws:runPatchBaseline', inputs: { Operation: 'Scan', BaselineOverride: 'https://example.com/b.json' } }, ctx)).toMatchObject({
      status: 'Failed',
      message: expect.stringContaining('BaselineOverride is not supported'),
    });
  });

  it('stops when the command is cancelled', async () => {
    const controller = new AbortController();
    controller.abort('Cancelled');
    const ctx = pluginContext(fakeServer({ decide: securityOnly }).call, { signal: controller.signal });
    expect(await runPatchBaseline({ name: 'p', action: 'aws:runPatchBaseline', inputs: { Operation: 'Scan' } }, ctx)).toMatchObject({ status: 'Cancelled' });
  });
});
