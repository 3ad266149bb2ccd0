/**
 * Test support: a tiny, unsigned, file-based apt repository of made-up `opsdeck-*` packages, and
 * an apt configuration that sees only it. Installs are real (the system's dpkg database), but
 * `apt-get update` never touches Debian's mirrors or the system's own lists and caches.
 *
 * Layout, like a Debian mirror with its three pockets:
 *   <dir>/repo/pool/<name>_<version>_all.deb
 *   <dir>/repo/dists/<suite>{,-updates,-security}/{Release,main/binary-<arch>/Packages}
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DemoPackage {
  name: string;
  version: string;
  /** 'security' puts it in the <suite>-security suite, 'updates' in <suite>-updates, 'main' in <suite>. */
  pocket: 'security' | 'updates' | 'main';
  section?: string;
  priority?: string;
  /**
   * The package's own release date, written as the made-up `Opsdeck-Release-Date` field of its
   * Packages stanza (the agent prefers it). Without it, the suite's Release `Date` (publish time)
   * is the release date, as on a real Debian mirror.
   */
  releaseDate?: Date;
  /** shell run by postinst, e.g. touch "${OPSDECK_REBOOT_REQUIRED_FILE:-/var/run/reboot-required}" */
  postinst?: string;
  /** A Depends line, e.g. `opsdeck-extra (>= 1.1)`. */
  depends?: string;
}

export interface AptRepo {
  dir: string;
  /**
   * Env for an agent process: APT_CONFIG pointing at an apt.conf that uses only this repo (own
   * lists/cache dirs, real dpkg status), OPSDECK_REBOOT_REQUIRED_FILE, OPSDECK_AGENT_REBOOT_COMMAND
   * (a script that appends a line to rebootMarkerFile instead of rebooting).
   */
  env: Record<string, string>;
  rebootRequiredFile: string;
  rebootMarkerFile: string;
  /** dpkg -i the built .deb (built by createAptRepo or publish). */
  installDirect(name: string, version: string): void;
  /** The installed version, or null. */
  isInstalled(name: string): string | null;
  /** (Re)builds the .debs and makes the repository offer exactly these packages. */
  publish(pkgs: DemoPackage[]): void;
  /** dpkg --purge every package it built, remove its files. */
  cleanup(): void;
}

const POCKETS: DemoPackage['pocket'][] = ['main', 'updates', 'security'];
// The names reach dpkg-deb, file names and apt's command line: keep them to Debian's own syntax.
const PACKAGE_NAME = /^opsdeck-[a-z0-9][a-z0-9+.-]*$/;
const PACKAGE_VERSION = /^[0-9][A-Za-z0-9.+~-]*$/;

function suiteName(suite: string, pocket: DemoPackage['pocket']): string {
  return pocket === 'main' ? suite : `${suite}-${pocket}`;
}

function debFileName(name: string, version: string): string {
  return `${name}_${version}_all.deb`;
}

function run(file: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(file, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

const DPKG_LOCK_WAIT_MS = 120_000;

/**
 * dpkg itself, waiting while another dpkg or apt holds its lock (another test file, or the agent
 * under test) instead of failing at once as dpkg does.
 */
function runDpkg(args: string[], env: Record<string, string> = {}): void {
  const deadline = Date.now() + DPKG_LOCK_WAIT_MS;
  for (;;) {
    try {
      run('dpkg', args, env);
      return;
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      if (!/lock/i.test(stderr) || Date.now() > deadline) throw new Error(`dpkg ${args.join(' ')} failed: ${stderr.trim()}`, { cause: error });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Debian's Release files date themselves in RFC 2822, UTC. */
function releaseDate(date: Date): string {
  return date.toUTCString().replace('GMT', 'UTC');
}

function buildDeb(pkg: DemoPackage, buildRoot: string, deb: string): void {
  if (!PACKAGE_NAME.test(pkg.name)) throw new Error(`demo package names start with opsdeck- and use Debian's name syntax: ${pkg.name}`);
  if (!PACKAGE_VERSION.test(pkg.version)) throw new Error(`not a Debian version: ${pkg.version}`);
  const root = path.join(buildRoot, `${pkg.name}_${pkg.version}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'DEBIAN'), { recursive: true });
  fs.mkdirSync(path.join(root, 'usr/share/doc', pkg.name), { recursive: true });
  fs.writeFileSync(path.join(root, 'usr/share/doc', pkg.name, 'README'), `${pkg.name} ${pkg.version}: a made-up package for Opsdeck's tests.\n`);
  const control = [
    `Package: ${pkg.name}`,
    `Version: ${pkg.version}`,
    'Architecture: all',
    'Maintainer: Opsdeck Tests <tests@opsdeck.invalid>',
    `Section: ${pkg.section ?? 'misc'}`,
    `Priority: ${pkg.priority ?? 'optional'}`,
    ...(pkg.depends ? [`Depends: ${pkg.depends}`] : []),
    `Description: Opsdeck demo package ${pkg.name}`,
    ' Built by e2e/support/apt-repo.ts; safe to purge.',
  ];
  fs.writeFileSync(path.join(root, 'DEBIAN/control'), `${control.join('\n')}\n`);
  if (pkg.postinst) fs.writeFileSync(path.join(root, 'DEBIAN/postinst'), `#!/bin/sh\nset -e\n${pkg.postinst}\n`, { mode: 0o755 });
  run('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, deb]);
}

/** A Packages stanza as apt-ftparchive writes it: the control fields, then where the file is and its checksum. */
function packagesStanza(deb: string, repoRoot: string, pkg: DemoPackage): string {
  const control = run('dpkg-deb', ['-f', deb]).trimEnd();
  const fields = [
    control,
    `Filename: ${path.relative(repoRoot, deb)}`,
    `Size: ${fs.statSync(deb).size}`,
    `SHA256: ${sha256(deb)}`,
    ...(pkg.releaseDate ? [`Opsdeck-Release-Date: ${releaseDate(pkg.releaseDate)}`] : []),
  ];
  return `${fields.join('\n')}\n`;
}

function writeSuite(repoRoot: string, suite: string, arch: string, stanzas: string[]): void {
  const dists = path.join(repoRoot, 'dists', suite);
  const packagesFile = path.join(dists, 'main', `binary-${arch}`, 'Packages');
  fs.mkdirSync(path.dirname(packagesFile), { recursive: true });
  fs.writeFileSync(packagesFile, stanzas.join('\n'));
  const release = [
    'Origin: Opsdeck',
    `Label: ${suite.endsWith('-security') ? 'Opsdeck-Security' : 'Opsdeck'}`,
    `Suite: ${suite}`,
    `Codename: ${suite}`,
    `Date: ${releaseDate(new Date())}`,
    `Architectures: ${arch}`,
    'Components: main',
    'Description: Opsdeck test repository',
    'SHA256:',
    ` ${sha256(packagesFile)} ${fs.statSync(packagesFile).size} main/binary-${arch}/Packages`,
  ];
  fs.writeFileSync(path.join(dists, 'Release'), `${release.join('\n')}\n`);
}

function aptConfig(dir: string, sources: string): string {
  // Everything apt writes goes under dir; Dir::State::status stays the real dpkg database.
  return [
    `Dir::Etc::sourcelist "${sources}";`,
    `Dir::Etc::sourceparts "${path.join(dir, 'sources.list.d')}/";`,
    `Dir::State::lists "${path.join(dir, 'lists')}/";`,
    `Dir::Cache "${path.join(dir, 'cache')}/";`,
    `Dir::Cache::archives "${path.join(dir, 'cache', 'archives')}/";`,
    'Acquire::Languages "none";',
    '',
  ].join('\n');
}

export function createAptRepo(options: { suite?: string; packages: DemoPackage[] }): AptRepo {
  const suite = options.suite ?? 'opsdeck';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-apt-'));
  // apt downloads as the unprivileged _apt user: it must be able to reach the lists and cache dirs.
  fs.chmodSync(dir, 0o755);
  const repoRoot = path.join(dir, 'repo');
  const pool = path.join(repoRoot, 'pool');
  const buildRoot = path.join(dir, 'build');
  for (const sub of [pool, buildRoot, 'sources.list.d', 'lists/partial', 'cache/archives/partial']) {
    fs.mkdirSync(path.resolve(dir, sub), { recursive: true });
  }
  const arch = run('dpkg', ['--print-architecture']).trim();
  const sourcesFile = path.join(dir, 'sources.list');
  fs.writeFileSync(sourcesFile, POCKETS.map((pocket) => `deb [trusted=yes] file:${repoRoot} ${suiteName(suite, pocket)} main\n`).join(''));
  const configFile = path.join(dir, 'apt.conf');
  fs.writeFileSync(configFile, aptConfig(dir, sourcesFile));

  const rebootRequiredFile = path.join(dir, 'reboot-required');
  const rebootMarkerFile = path.join(dir, 'rebooted');
  const rebootScript = path.join(dir, 'reboot.sh');
  fs.writeFileSync(rebootScript, `#!/bin/sh\necho "reboot requested $*" >> '${rebootMarkerFile}'\n`, { mode: 0o755 });

  const built = new Set<string>();
  // What each .deb in the pool was built from: a package published again unchanged is not rebuilt.
  const recipes = new Map<string, string>();
  const publish = (pkgs: DemoPackage[]) => {
    const stanzas = new Map<string, string[]>(POCKETS.map((pocket) => [suiteName(suite, pocket), []]));
    for (const pkg of pkgs) {
      const recipe = JSON.stringify([pkg.section, pkg.priority, pkg.postinst, pkg.depends]);
      const deb = path.join(pool, debFileName(pkg.name, pkg.version));
      if (recipes.get(deb) !== recipe) buildDeb(pkg, buildRoot, deb);
      recipes.set(deb, recipe);
      built.add(pkg.name);
      stanzas.get(suiteName(suite, pkg.pocket))!.push(packagesStanza(deb, repoRoot, pkg));
    }
    for (const [name, entries] of stanzas) writeSuite(repoRoot, name, arch, entries);
  };
  publish(options.packages);

  const env = { OPSDECK_REBOOT_REQUIRED_FILE: rebootRequiredFile };
  return {
    dir,
    env: { APT_CONFIG: configFile, OPSDECK_AGENT_REBOOT_COMMAND: rebootScript, ...env },
    rebootRequiredFile,
    rebootMarkerFile,
    installDirect(name, version) {
      const deb = path.join(pool, debFileName(name, version));
      if (!fs.existsSync(deb)) throw new Error(`${name} ${version} was never built in this repository`);
      runDpkg(['-i', deb], env);
    },
    isInstalled(name) {
      try {
        const [status, version] = run('dpkg-query', ['-W', '-f=${db:Status-Status} ${Version}', name]).split(' ');
        return status === 'installed' ? (version ?? null) : null;
      } catch {
        return null;
      }
    },
    publish,
    cleanup() {
      try {
        if (built.size > 0) runDpkg(['--purge', ...built]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
