/**
 * The dnf (and yum) side of Patch Manager, for RHEL-likes: updates from `dnf check-update`,
 * classification, severity, release date and CVEs from the repositories' updateinfo, installs with
 * `dnf upgrade`. Written against dnf 4 / yum 3 output; Opsdeck's build machine is Debian, so this
 * path has no automated test here — only its parsers are unit-tested.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodePatch } from '../protocol';
import { describeFailure, hasProgram, PackageToolFailed, type ToolResult, type ToolRunner } from './tool';

export function dnfProgram(): string {
  return hasProgram('dnf') ? 'dnf' : 'yum';
}

// rpm names and EVRs reach dnf's command line: rpm's own syntax only, which also blocks option
// injection (a value starting with `-`).
const RPM_NAME = /^[A-Za-z0-9_+][A-Za-z0-9_.+-]*$/;
const RPM_EVR = /^[A-Za-z0-9._+~:^-]+$/;

export interface CheckUpdate {
  name: string;
  arch: string;
  version: string;
  repository: string;
}

/** Parses `dnf check-update` (`name.arch  [epoch:]version-release  repo`); yum wraps long names onto their own line. */
export function parseCheckUpdate(output: string): CheckUpdate[] {
  const updates: CheckUpdate[] = [];
  const tokens: string[] = [];
  for (const line of output.split('\n')) {
    // What follows lists packages being replaced, not updates.
    if (/^Obsoleting Packages/i.test(line)) break;
    if (line.trim() === '' || /^(Last metadata|Security:|Loaded plugins)/.test(line)) continue;
    tokens.push(...line.trim().split(/\s+/));
    while (tokens.length >= 3) {
      const [nameArch, version, repository] = tokens.splice(0, 3) as [string, string, string];
      const dot = nameArch.lastIndexOf('.');
      if (dot <= 0) continue;
      const name = nameArch.slice(0, dot);
      if (RPM_NAME.test(name) && RPM_EVR.test(version)) updates.push({ name, arch: nameArch.slice(dot + 1), version, repository });
    }
  }
  return updates;
}

/** `name-[epoch:]version-release.arch` -> name and arch. */
export function splitNevra(nevra: string): { name: string; arch: string } | null {
  const match = /^(.+)-[^-]+-[^-]+\.([^.]+)$/.exec(nevra);
  return match ? { name: match[1]!, arch: match[2]! } : null;
}

export interface Advisory {
  id: string;
  classification: string;
  severity: string;
}

/** Parses `dnf updateinfo list --updates`: `RHSA-2023:1234 Important/Sec. openssl-1:3.0.7-6.el9.x86_64`. */
export function parseUpdateinfoList(output: string): Map<string, Advisory> {
  const byPackage = new Map<string, Advisory>();
  for (const line of output.split('\n')) {
    const [id, kind, nevra] = line.trim().split(/\s+/);
    if (!id || !kind || !nevra) continue;
    const parsed = splitNevra(nevra);
    if (!parsed) continue;
    const security = /^(\w+)\/Sec\.$/.exec(kind);
    const advisory: Advisory = security
      ? { id, classification: 'Security', severity: security[1]! }
      : { id, classification: kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase(), severity: '' };
    const key = `${parsed.name}.${parsed.arch}`;
    // A package fixed by several advisories: the security one decides its classification.
    if (!byPackage.has(key) || advisory.classification === 'Security') byPackage.set(key, advisory);
  }
  return byPackage;
}

/** Parses `dnf updateinfo info --updates` blocks: each advisory's issued date (epoch ms) and CVEs. */
export function parseUpdateinfoInfo(output: string): Map<string, { issued?: number; cveIds: string[] }> {
  const advisories = new Map<string, { issued?: number; cveIds: string[] }>();
  let current: { issued?: number; cveIds: string[] } | null = null;
  let lastKey = '';
  for (const line of output.split('\n')) {
    const match = /^\s*([A-Za-z ]*?)\s*:\s(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1] || lastKey;
    lastKey = key;
    const value = match[2]!.trim();
    if (key === 'Update ID') {
      current = { cveIds: [] };
      advisories.set(value, current);
    } else if (current && key === 'Issued') {
      const ms = Date.parse(value.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'));
      if (Number.isFinite(ms)) current.issued = ms;
    } else if (current && key === 'CVEs') {
      current.cveIds.push(...value.split(/\s+/).filter((cve) => /^CVE-\d{4}-\d+$/.test(cve)));
    }
  }
  return advisories;
}

/** `.repo` files of the baseline's extra sources, used through reposdir for this run only. */
export class DnfRunConfig {
  readonly options: string[] = [];
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-dnf-run-'));

  addSources(sources: { name: string; configuration: string }[]): void {
    sources.forEach((source, index) => {
      // The file name is ours (an index), never the source's name: no path from the baseline.
      fs.writeFileSync(path.join(this.dir, `opsdeck-baseline-${index}.repo`), `${source.configuration.trim()}\n`, { mode: 0o644 });
    });
    this.options.push(`--setopt=reposdir=/etc/yum.repos.d,/etc/distro.repos.d,${this.dir}`);
  }

  /** `--exclude` keeps a rejected package out even as a dependency (RejectedPatchesAction BLOCK). */
  blockPackages(names: string[]): void {
    for (const name of names.filter((entry) => RPM_NAME.test(entry))) this.options.push(`--exclude=${name}`);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function dnfRefresh(run: ToolRunner, options: string[]): Promise<ToolResult & { args: string[] }> {
  const args = ['-q', '-y', ...options, 'makecache'];
  return { ...(await run(dnfProgram(), args)), args };
}

async function dnfQuery(run: ToolRunner, args: string[], okCodes: number[] = [0]): Promise<string> {
  const program = dnfProgram();
  const result = await run(program, args);
  if (!okCodes.includes(result.exitCode)) throw new PackageToolFailed(describeFailure(program, args, result));
  return result.stdout;
}

export async function dnfOfferedUpdates(run: ToolRunner, installed: Map<string, string>, options: string[]): Promise<NodePatch[]> {
  // check-update exits 100 when there are updates, 0 when there are none.
  const updates = parseCheckUpdate(await dnfQuery(run, ['-q', ...options, 'check-update'], [0, 100]));
  if (updates.length === 0) return [];
  // Advisories are details: a repository without updateinfo (or yum 3, which spells the filter
  // differently) leaves updates unclassified rather than failing the scan.
  const advisories = (args: string[]) => run(dnfProgram(), ['-q', ...options, 'updateinfo', ...args]).then((result) => (result.exitCode === 0 ? result.stdout : ''));
  const [list, info] = await Promise.all([
    advisories(['list', '--updates']).then(parseUpdateinfoList),
    advisories(['info', '--updates']).then(parseUpdateinfoInfo),
  ]);
  return updates.map((update) => {
    const advisory = list.get(`${update.name}.${update.arch}`);
    const details = advisory ? info.get(advisory.id) : undefined;
    return {
      name: update.name,
      arch: update.arch,
      installedVersion: installed.get(`${update.name}.${update.arch}`),
      availableVersion: update.version,
      repository: update.repository,
      section: '',
      priority: '',
      // Updates without an advisory are what AWS lists as classification/severity "None".
      classification: advisory?.classification ?? '',
      severity: advisory?.severity ?? '',
      releaseDate: details?.issued,
      cveIds: details?.cveIds ?? [],
    };
  });
}

export function dnfInstallArgs(packages: { name: string; arch: string; version: string }[], options: string[]): string[] {
  const specs = packages.filter((pkg) => RPM_NAME.test(pkg.name) && RPM_EVR.test(pkg.version)).map((pkg) => `${pkg.name}-${pkg.version}.${pkg.arch}`);
  return ['-y', '-q', ...options, 'upgrade', ...specs];
}

export async function dnfInstall(run: ToolRunner, packages: { name: string; arch: string; version: string }[], options: string[]): Promise<ToolResult & { args: string[] }> {
  const args = dnfInstallArgs(packages, options);
  return { ...(await run(dnfProgram(), args)), args };
}

/** `needs-restarting -r` (dnf-utils) exits 1 when the kernel or core libraries changed since boot. */
export async function dnfNeedsReboot(run: ToolRunner): Promise<boolean> {
  if (!hasProgram('needs-restarting')) return false;
  return (await run('needs-restarting', ['-r'])).exitCode === 1;
}
