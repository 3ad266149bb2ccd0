import type { NodePatch, PatchEvaluateResult } from '../protocol';
import { AptRunConfig, aptInstall, aptOfferedUpdates, aptPaths, aptUpdate } from './apt';
import { DnfRunConfig, dnfInstall, dnfProgram, dnfNeedsReboot, dnfOfferedUpdates, dnfRefresh } from './dnf';
import { listInstalledPackages, type InstalledPackage, type PackageManager } from './packages';
import { isRebootFlagged } from './reboot';
import { describeFailure, PackageToolFailed, type ToolResult, type ToolRunner } from './tool';

export interface InstallAttempt {
  command: string;
  result: ToolResult;
}

export interface PatchTarget {
  name: string;
  arch: string;
  version: string;
}

/** What patching needs from a package manager, the same for apt and dnf. */
export interface PatchBackend {
  kind: PackageManager;
  /** Downloads the repositories' package lists (apt-get update / dnf makecache). */
  refresh(): Promise<void>;
  installed(): Promise<InstalledPackage[]>;
  offeredUpdates(installed: InstalledPackage[]): Promise<NodePatch[]>;
  /** The baseline's extra repositories, for every later call of this run. */
  useSources(sources: PatchEvaluateResult['sources']): Promise<void>;
  /** Keeps these updates out, even as dependencies, for every later call of this run. */
  block(updates: NodePatch[]): Promise<void>;
  /**
   * Installs the targets in one transaction; when that fails (one blocked dependency fails the
   * whole apt transaction), each target on its own, so one bad patch does not hold back the rest.
   */
  install(targets: PatchTarget[]): Promise<InstallAttempt[]>;
  isRebootRequired(): Promise<boolean>;
  dispose(): void;
}

function check(file: string, result: ToolResult & { args: string[] }): void {
  if (result.exitCode !== 0 || result.error) throw new PackageToolFailed(describeFailure(file, result.args, result));
}

async function installEach(targets: PatchTarget[], installOne: (batch: PatchTarget[]) => Promise<InstallAttempt>): Promise<InstallAttempt[]> {
  if (targets.length === 0) return [];
  const batch = await installOne(targets);
  if (batch.result.exitCode === 0 || targets.length === 1) return [batch];
  const attempts = [batch];
  for (const target of targets) attempts.push(await installOne([target]));
  return attempts;
}

function aptBackend(run: ToolRunner): PatchBackend {
  const config = new AptRunConfig();
  return {
    kind: 'apt',
    refresh: async () => check('apt-get', await aptUpdate(run, config.options)),
    installed: () => listInstalledPackages(run, 'dpkg'),
    offeredUpdates: () => aptOfferedUpdates(run, config.options),
    useSources: async (sources) => config.addSources((await aptPaths(run)).sourceParts, sources),
    block: async (updates) =>
      config.blockVersions(
        (await aptPaths(run)).preferences,
        updates.flatMap((update) => (update.availableVersion ? [{ name: update.name, version: update.availableVersion }] : [])),
      ),
    install: (targets) =>
      installEach(targets, async (batch) => {
        const result = await aptInstall(run, batch, config.options);
        return { command: ['apt-get', ...result.args].join(' '), result };
      }),
    isRebootRequired: async () => isRebootFlagged(),
    dispose: () => config.dispose(),
  };
}

/** Untested on Opsdeck's Debian build machine: see dnf.ts. */
function dnfBackend(run: ToolRunner): PatchBackend {
  const config = new DnfRunConfig();
  return {
    kind: 'dnf',
    refresh: async () => check(dnfProgram(), await dnfRefresh(run, config.options)),
    installed: () => listInstalledPackages(run, 'rpm'),
    offeredUpdates: (installed) => dnfOfferedUpdates(run, new Map(installed.map((pkg) => [`${pkg.name}.${pkg.arch}`, pkg.version])), config.options),
    useSources: async (sources) => config.addSources(sources),
    block: async (updates) => config.blockPackages(updates.map((update) => update.name)),
    install: (targets) =>
      installEach(targets, async (batch) => {
        const result = await dnfInstall(run, batch, config.options);
        return { command: [dnfProgram(), ...result.args].join(' '), result };
      }),
    isRebootRequired: () => dnfNeedsReboot(run),
    dispose: () => config.dispose(),
  };
}

export function createBackend(kind: PackageManager, run: ToolRunner): PatchBackend {
  return kind === 'apt' ? aptBackend(run) : dnfBackend(run);
}
