/**
 * The apt side of Patch Manager: what updates the node's repositories offer (a simulated
 * dist-upgrade), where each comes from (origin, suite, label -> Security or Bugfix), when it was
 * released, and installing the approved ones with apt-get itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodePatch } from '../protocol';
import { parseDeb822, parseReleaseDate } from './deb822';
import { describeFailure, PackageToolFailed, type ToolResult, type ToolRunner } from './tool';

// Waits for another apt or unattended-upgrades run instead of failing at once on its lock.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=120'];

/** The made-up Packages field a repository may set per package (Opsdeck's test repository does); Debian has only the suite's Release date. */
export const PACKAGE_RELEASE_DATE_FIELD = 'Opsdeck-Release-Date';

// Names and versions reach apt's command line and a preferences file: Debian's own syntax only,
// which also blocks option injection (a value starting with `-`) and stanza injection (newlines).
const DEBIAN_NAME = /^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?$/;
const DEBIAN_VERSION = /^[A-Za-z0-9.+~:-]+$/;
export function isSafePackage(name: string, version?: string): boolean {
  return DEBIAN_NAME.test(name) && (version === undefined || DEBIAN_VERSION.test(version));
}

export interface SimulatedUpgrade {
  name: string;
  arch: string;
  installedVersion?: string;
  availableVersion: string;
  /** apt's own `Label:Version/Suite` list for the candidate, e.g. `Debian-Security:12/stable-security`. */
  releases: string;
}

/** Parses `Inst name [old] (new Label:Version/Suite, ... [arch])` lines of `apt-get -s dist-upgrade`. */
export function parseSimulation(output: string): SimulatedUpgrade[] {
  const upgrades: SimulatedUpgrade[] = [];
  for (const line of output.split('\n')) {
    const match = /^Inst (\S+)(?: \[([^\]]*)\])? \((\S+)(?: (.*?))? \[([^\]]+)\]\)/.exec(line);
    if (!match) continue;
    const [, fullName, installedVersion, availableVersion, releases, arch] = match;
    upgrades.push({ name: fullName!.replace(/:[^:]+$/, ''), arch: arch!, installedVersion: installedVersion || undefined, availableVersion: availableVersion!, releases: releases ?? '' });
  }
  return upgrades;
}

/** Parses `apt-cache policy name...`: for each package, the index descriptions its candidate version comes from. */
export function parsePolicy(output: string): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  let name = '';
  let candidate = '';
  let inCandidate = false;
  for (const line of output.split('\n')) {
    const header = /^(\S+):$/.exec(line);
    if (header) {
      name = header[1]!.replace(/:[^:]+$/, '');
      candidate = '';
      inCandidate = false;
      continue;
    }
    const candidateLine = /^ {2}Candidate: (\S+)$/.exec(line);
    if (candidateLine) {
      candidate = candidateLine[1]!;
      continue;
    }
    const version = /^ (?:\*\*\*| {3}) (\S+) -?\d+$/.exec(line);
    if (version) {
      inCandidate = version[1] === candidate;
      continue;
    }
    const source = /^ {8}-?\d+ (.+)$/.exec(line);
    if (source && inCandidate && name) sources.set(name, [...(sources.get(name) ?? []), source[1]!.trim()]);
  }
  return sources;
}

/** One Packages index apt knows, with what its Release file says (apt-get indextargets). */
export interface IndexTarget {
  description: string;
  suite: string;
  codename: string;
  origin: string;
  label: string;
  /** The downloaded Release or InRelease in apt's lists dir, when found. */
  releaseFile?: string;
}

/**
 * apt names list files after their URI with `/` turned into `_`: the Release file of a Packages
 * index shares its prefix up to the index's MetaKey (`main/binary-amd64/Packages`).
 */
export function releaseFileCandidates(listFile: string, metaKey: string): string[] {
  const base = path.basename(listFile);
  const at = base.lastIndexOf(metaKey.replace(/\//g, '_'));
  if (at <= 0) return [];
  const prefix = path.join(path.dirname(listFile), base.slice(0, at));
  return [`${prefix}InRelease`, `${prefix}Release`];
}

export function parseIndexTargets(output: string): IndexTarget[] {
  return parseDeb822(output).map((record) => ({
    description: record.Description ?? '',
    suite: record.Suite ?? '',
    codename: record.Codename ?? '',
    origin: record.Origin ?? '',
    label: record.Label ?? '',
    releaseFile: releaseFileCandidates(record.Filename ?? '', record.MetaKey ?? '').find((file) => fs.existsSync(file)),
  }));
}

function isSecurityText(text: string): boolean {
  return /security/i.test(text);
}

function isSecurityTarget(target: IndexTarget): boolean {
  return isSecurityText(`${target.suite} ${target.codename} ${target.label}`);
}

function readReleaseDate(releaseFile: string | undefined, cache: Map<string, number | undefined>): number | undefined {
  if (!releaseFile) return undefined;
  if (!cache.has(releaseFile)) {
    let date: number | undefined;
    try {
      date = parseReleaseDate(/^Date:\s*(.+)$/m.exec(fs.readFileSync(releaseFile, 'utf8'))?.[1]);
    } catch {
      date = undefined;
    }
    cache.set(releaseFile, date);
  }
  return cache.get(releaseFile);
}

/**
 * Options for one patching run: extra repositories from the baseline and, for BLOCK, pins that keep
 * rejected versions out. Held in a temporary folder used through `-o` options only, so nothing of
 * it outlives the run (not even if the agent dies mid-run).
 */
export class AptRunConfig {
  readonly options: string[] = [];
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-apt-run-'));

  /** Adds the baseline's sources next to the node's own (apt reads one sourceparts dir: it gets links to the real files too). */
  addSources(sourceParts: string, sources: { name: string; configuration: string }[]): void {
    const parts = path.join(this.dir, 'sources.list.d');
    fs.mkdirSync(parts);
    for (const entry of safeReadDir(sourceParts)) fs.symlinkSync(path.join(sourceParts, entry), path.join(parts, entry));
    sources.forEach((source, index) => {
      // deb822 `.sources` bodies start with fields such as Types:; one-line `deb ...` entries are `.list`.
      const extension = /^\s*Types:/im.test(source.configuration) ? 'sources' : 'list';
      // The file name is ours (an index), never the source's name: no path from the baseline.
      const body = `# Opsdeck patch baseline source: ${source.name.replace(/\s+/g, ' ')}\n${source.configuration.trim()}\n`;
      fs.writeFileSync(path.join(parts, `zz-opsdeck-baseline-${index}.${extension}`), body, { mode: 0o644 });
    });
    this.options.push('-o', `Dir::Etc::sourceparts=${parts}`);
  }

  /** Priority -1 for each version: apt never installs it, neither when asked nor as a dependency. */
  blockVersions(preferencesFile: string, blocked: { name: string; version: string }[]): void {
    const own = fs.existsSync(preferencesFile) ? `${fs.readFileSync(preferencesFile, 'utf8').trimEnd()}\n\n` : '';
    const pins = blocked
      .filter((entry) => isSafePackage(entry.name, entry.version))
      .map((entry) => `Explanation: rejected by the patch baseline (RejectedPatchesAction BLOCK)\nPackage: ${entry.name}\nPin: version ${entry.version}\nPin-Priority: -1\n`);
    const file = path.join(this.dir, 'preferences');
    fs.writeFileSync(file, own + pins.join('\n'), { mode: 0o644 });
    this.options.push('-o', `Dir::Etc::preferences=${file}`);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function safeReadDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Where this node's apt keeps its configuration (honours APT_CONFIG). */
export async function aptPaths(run: ToolRunner): Promise<{ sourceParts: string; preferences: string }> {
  const args = ['shell', 'SOURCEPARTS', 'Dir::Etc::sourceparts/d', 'PREFERENCES', 'Dir::Etc::preferences/f'];
  const result = await run('apt-config', args);
  if (result.exitCode !== 0) throw new PackageToolFailed(describeFailure('apt-config', args, result));
  const value = (key: string) => new RegExp(`^${key}='(.*)'$`, 'm').exec(result.stdout)?.[1] ?? '';
  return { sourceParts: value('SOURCEPARTS') || '/etc/apt/sources.list.d/', preferences: value('PREFERENCES') || '/etc/apt/preferences' };
}

export function aptUpdateArgs(options: string[]): string[] {
  return ['update', '-q', ...LOCK_WAIT, ...options];
}

export async function aptUpdate(run: ToolRunner, options: string[]): Promise<ToolResult & { args: string[] }> {
  const args = aptUpdateArgs(options);
  return { ...(await run('apt-get', args)), args };
}

async function aptQuery(run: ToolRunner, file: string, args: string[]): Promise<string> {
  const result = await run(file, args);
  if (result.exitCode !== 0) throw new PackageToolFailed(describeFailure(file, args, result));
  return result.stdout;
}

/**
 * For the details of each update (section, priority, origin): apt-cache exits non-zero when one of
 * many names cannot be shown, and one odd package should not cost the scan the others' details.
 */
async function aptDetails(run: ToolRunner, args: string[]): Promise<string> {
  const result = await run('apt-cache', args);
  if (result.error) throw new PackageToolFailed(describeFailure('apt-cache', args, result));
  return result.stdout;
}

/**
 * Every update apt would install: a simulated dist-upgrade (so updates needing a new dependency
 * show too), each candidate's section and priority, origin and release date.
 */
export async function aptOfferedUpdates(run: ToolRunner, options: string[]): Promise<NodePatch[]> {
  // Debug::NoLocking: a simulation needs no lock, so a scan never waits for (or blocks) a real run.
  const simulation = parseSimulation(await aptQuery(run, 'apt-get', ['-s', '-q', '-o', 'Debug::NoLocking=1', ...options, 'dist-upgrade']));
  const upgrades = simulation.filter((upgrade) => isSafePackage(upgrade.name, upgrade.availableVersion));
  if (upgrades.length === 0) return [];
  const [policy, targets, stanzas] = await Promise.all([
    aptDetails(run, [...options, 'policy', ...upgrades.map((upgrade) => qualified(upgrade))]).then(parsePolicy),
    aptQuery(run, 'apt-get', [...options, 'indextargets', 'Identifier: Packages']).then(parseIndexTargets),
    aptDetails(run, [...options, 'show', ...upgrades.map((upgrade) => `${qualified(upgrade)}=${upgrade.availableVersion}`)]).then(parseDeb822),
  ]);
  const targetByDescription = new Map(targets.map((target) => [target.description, target]));
  const releaseDates = new Map<string, number | undefined>();
  return upgrades.map((upgrade) => {
    const stanza = stanzas.find((entry) => entry.Package === upgrade.name && entry.Version === upgrade.availableVersion) ?? {};
    const sources = (policy.get(upgrade.name) ?? []).map((description) => targetByDescription.get(description)).filter((target) => target !== undefined);
    // The same version often sits in both `stable` and `stable-security`: the security pocket decides.
    const source = sources.find(isSecurityTarget) ?? sources[0];
    const isSecurity = source ? isSecurityTarget(source) : isSecurityText(upgrade.releases);
    return {
      name: upgrade.name,
      arch: upgrade.arch,
      installedVersion: upgrade.installedVersion,
      availableVersion: upgrade.availableVersion,
      repository: source ? source.codename || source.suite : '',
      section: stanza.Section ?? '',
      priority: stanza.Priority ?? '',
      classification: isSecurity ? 'Security' : 'Bugfix',
      severity: '',
      releaseDate: parseReleaseDate(stanza[PACKAGE_RELEASE_DATE_FIELD]) ?? readReleaseDate(source?.releaseFile, releaseDates),
      cveIds: [],
    };
  });
}

/** apt takes `name:arch` for every architecture (`all` and the native one too), so foreign packages are never confused with native ones. */
function qualified(pkg: { name: string; arch: string }): string {
  return pkg.arch ? `${pkg.name}:${pkg.arch}` : pkg.name;
}

export function aptInstallArgs(packages: { name: string; arch: string; version: string }[], options: string[]): string[] {
  return [
    'install',
    '-y',
    '-q',
    // Upgrades only: an approved name the node does not have is not a reason to install it.
    '--only-upgrade',
    ...LOCK_WAIT,
    // Keep the node's changed configuration files; a prompt would hang a non-interactive run.
    '-o',
    'Dpkg::Options::=--force-confdef',
    '-o',
    'Dpkg::Options::=--force-confold',
    ...options,
    ...packages.filter((pkg) => isSafePackage(qualified(pkg), pkg.version)).map((pkg) => `${qualified(pkg)}=${pkg.version}`),
  ];
}

export async function aptInstall(run: ToolRunner, packages: { name: string; arch: string; version: string }[], options: string[]): Promise<ToolResult & { args: string[] }> {
  const args = aptInstallArgs(packages, options);
  return { ...(await run('apt-get', args)), args };
}
