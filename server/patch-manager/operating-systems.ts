import type { PatchOperatingSystem } from '@/db/schema';

/** AWS's operating-system key and PRODUCT value (`Debian12`, `Ubuntu22.04`) for a node's os-release. */
export interface NodeOperatingSystem {
  operatingSystem: PatchOperatingSystem;
  product: string;
}

/** How a platform's packages are versioned and ordered. */
export type PackageFormat = 'dpkg' | 'rpm';

interface Family {
  pattern: RegExp;
  packageFormat: PackageFormat;
  /** Null for distributions Patch Manager has no baseline for, whose package versions still order. */
  operatingSystem: PatchOperatingSystem | null;
  product: (version: string) => string;
}

const major = (version: string) => version.split('.')[0] ?? version;

// Matched against os-release NAME, as the agent reports it (platformName). Amazon Linux comes in
// two operating systems that share a NAME and differ by VERSION_ID.
const FAMILIES: Family[] = [
  { pattern: /^debian/i, packageFormat: 'dpkg', operatingSystem: 'DEBIAN', product: (version) => `Debian${major(version)}` },
  { pattern: /^ubuntu/i, packageFormat: 'dpkg', operatingSystem: 'UBUNTU', product: (version) => `Ubuntu${version}` },
  { pattern: /^red hat/i, packageFormat: 'rpm', operatingSystem: 'REDHAT_ENTERPRISE_LINUX', product: (version) => `RedhatEnterpriseLinux${version}` },
  { pattern: /^amazon linux/i, packageFormat: 'rpm', operatingSystem: 'AMAZON_LINUX_2023', product: () => 'AmazonLinux2023' },
  { pattern: /^rocky/i, packageFormat: 'rpm', operatingSystem: 'ROCKY_LINUX', product: (version) => `RockyLinux${version}` },
  { pattern: /^alma/i, packageFormat: 'rpm', operatingSystem: 'ALMA_LINUX', product: (version) => `AlmaLinux${version}` },
  { pattern: /^centos/i, packageFormat: 'rpm', operatingSystem: 'CENTOS', product: (version) => `CentOS${major(version)}` },
  { pattern: /^oracle/i, packageFormat: 'rpm', operatingSystem: 'ORACLE_LINUX', product: (version) => `OracleLinux${version}` },
  { pattern: /^(sles|suse|opensuse)/i, packageFormat: 'rpm', operatingSystem: 'SUSE', product: (version) => `Suse${version}` },
  { pattern: /^fedora/i, packageFormat: 'rpm', operatingSystem: null, product: (version) => `Fedora${version}` },
];

const familyOf = (platformName: string | null | undefined) => FAMILIES.find((candidate) => candidate.pattern.test((platformName ?? '').trim()));

/** Null when Patch Manager has no baseline for the platform (macOS, Windows, an unknown distribution). */
export function operatingSystemOf(platformName: string | null, platformVersion: string | null): NodeOperatingSystem | null {
  const version = (platformVersion ?? '').trim();
  const family = familyOf(platformName);
  if (!family?.operatingSystem) return null;
  if (family.operatingSystem === 'AMAZON_LINUX_2023' && major(version) === '2') return { operatingSystem: 'AMAZON_LINUX_2', product: 'AmazonLinux2' };
  return { operatingSystem: family.operatingSystem, product: family.product(version) };
}

/** How the node's packages are versioned: rpm for RHEL-likes and SUSE, dpkg otherwise (Debian-likes, unknown). */
export function packageFormatOf(platformName: string | null | undefined): PackageFormat {
  return familyOf(platformName)?.packageFormat ?? 'dpkg';
}

/** apt-based systems: AWS applies EnableNonSecurity only to yum/dnf-based ones. */
export function isAptBased(operatingSystem: PatchOperatingSystem): boolean {
  return operatingSystem === 'DEBIAN' || operatingSystem === 'UBUNTU';
}
