import fs from 'node:fs/promises';
import path from 'node:path';
import { describeFailure, hasProgram, PackageToolFailed, type ToolRunner } from './tool';

/** One package the node's package database holds, as both inventory and patching need it. */
export interface InstalledPackage {
  name: string;
  arch: string;
  /** The full version the package tools compare: dpkg's `[epoch:]upstream[-revision]`, rpm's `[epoch:]version-release`. */
  version: string;
  /** rpm only: the parts AWS:Application reports separately. */
  epoch: string;
  release: string;
  publisher: string;
  summary: string;
  section: string;
  url: string;
  /** Epoch ms, when the database knows it. */
  installedTime?: number;
  /** The file it came from, as AWS's PackageId shows it (`name_version_arch.deb`, `name-version-release.arch.rpm`). */
  packageId: string;
}

export type PackageDatabase = 'dpkg' | 'rpm';
export type PackageManager = 'apt' | 'dnf';

/** The package manager patching uses: apt on Debian and Ubuntu, dnf (or yum, its predecessor) on RHEL-likes. */
export function detectPackageManager(): PackageManager | null {
  if (hasProgram('apt-get') && hasProgram('dpkg-query')) return 'apt';
  if ((hasProgram('dnf') || hasProgram('yum')) && hasProgram('rpm')) return 'dnf';
  return null;
}

export function detectPackageDatabase(): PackageDatabase | null {
  if (hasProgram('dpkg-query')) return 'dpkg';
  if (hasProgram('rpm')) return 'rpm';
  return null;
}

const DPKG_ADMIN_DIR = '/var/lib/dpkg';
const DPKG_FIELDS = ['binary:Package', 'Package', 'Version', 'Architecture', 'db:Status-Status', 'Maintainer', 'binary:Summary', 'Section', 'Homepage'];
// Tab-separated, one package per line: none of these fields may hold a tab or a newline.
export const DPKG_QUERY_FORMAT = `${DPKG_FIELDS.map((field) => `\${${field}}`).join('\t')}\n`;

/** Parses `dpkg-query -W -f=DPKG_QUERY_FORMAT`; packages removed but not purged (`config-files`) are not installed. */
export function parseDpkgQuery(output: string): (InstalledPackage & { dpkgName: string })[] {
  const packages: (InstalledPackage & { dpkgName: string })[] = [];
  for (const line of output.split('\n')) {
    const [dpkgName, name, version, arch, status, maintainer, summary, section, url] = line.split('\t');
    if (!dpkgName || !name || !version || status !== 'installed') continue;
    packages.push({
      dpkgName,
      name,
      arch: arch ?? '',
      version,
      epoch: '',
      release: '',
      publisher: maintainer ?? '',
      summary: summary ?? '',
      section: section ?? '',
      url: url ?? '',
      packageId: `${name}_${version}_${arch}.deb`,
    });
  }
  return packages;
}

/**
 * dpkg keeps no install date; the mtime of the package's file list (`info/<name>.list`, rewritten on
 * every install or upgrade) is the closest record, and what tools like `apt-history` use too.
 */
async function dpkgInstalledTime(dpkgName: string): Promise<number | undefined> {
  try {
    return Math.round((await fs.stat(path.join(DPKG_ADMIN_DIR, 'info', `${dpkgName}.list`))).mtimeMs);
  } catch {
    return undefined;
  }
}

const RPM_FIELDS = ['NAME', 'EPOCH', 'VERSION', 'RELEASE', 'ARCH', 'INSTALLTIME', 'VENDOR', 'SUMMARY', 'URL', 'GROUP'];
export const RPM_QUERY_FORMAT = `${RPM_FIELDS.map((field) => `%{${field}}`).join('\t')}\n`;

/** Parses `rpm -qa --queryformat RPM_QUERY_FORMAT`. Not exercised on this Debian build machine. */
export function parseRpmQuery(output: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const line of output.split('\n')) {
    const [name, rawEpoch, version, release, arch, installTime, vendor, summary, url, group] = line.split('\t');
    // gpg-pubkey "packages" are the imported signing keys, not software.
    if (!name || !version || name === 'gpg-pubkey') continue;
    const epoch = rawEpoch === '(none)' || rawEpoch === undefined ? '' : rawEpoch;
    const seconds = Number(installTime);
    const none = (value: string | undefined) => (value === undefined || value === '(none)' ? '' : value);
    packages.push({
      name,
      arch: none(arch),
      version: `${epoch ? `${epoch}:` : ''}${version}-${release ?? ''}`,
      epoch,
      release: none(release),
      publisher: none(vendor),
      summary: none(summary),
      section: none(group),
      url: none(url),
      installedTime: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
      packageId: `${name}-${version}-${release}.${arch}.rpm`,
    });
  }
  return packages;
}

/** Every installed package, from dpkg or rpm; throws with the tool's own words when it fails. */
export async function listInstalledPackages(run: ToolRunner, database: PackageDatabase): Promise<InstalledPackage[]> {
  if (database === 'dpkg') {
    const args = ['-W', `-f=${DPKG_QUERY_FORMAT}`];
    const result = await run('dpkg-query', args);
    if (result.exitCode !== 0) throw new PackageToolFailed(describeFailure('dpkg-query', args, result));
    const packages = parseDpkgQuery(result.stdout);
    await Promise.all(packages.map(async (pkg) => (pkg.installedTime = await dpkgInstalledTime(pkg.dpkgName))));
    return packages.map(({ dpkgName: _dpkgName, ...pkg }) => pkg);
  }
  const args = ['-qa', '--queryformat', RPM_QUERY_FORMAT];
  const result = await run('rpm', args);
  if (result.exitCode !== 0) throw new PackageToolFailed(describeFailure('rpm', args, result));
  return parseRpmQuery(result.stdout);
}
