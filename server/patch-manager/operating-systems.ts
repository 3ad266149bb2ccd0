import type { PatchOperatingSystem } from '@/db/schema';

/** AWS's operating-system key and PRODUCT value (`Debian12`, `Ubuntu22.04`) for a node's os-release. */
export interface NodeOperatingSystem {
  operatingSystem: PatchOperatingSystem;
  product: string;
}

interface Family {
  pattern: RegExp;
  operatingSystem: PatchOperatingSystem;
  product: (version: string) => string;
}

const major = (version: string) => version.split('.')[0] ?? version;

// Matched against os-release NAME, as the agent reports it (platformName). Amazon Linux comes in
// two operating systems that share a NAME and differ by VERSION_ID.
const FAMILIES: Family[] = [
  { pattern: /^debian/i, operatingSystem: 'DEBIAN', product: (version) => `Debian${major(version)}` },
  { pattern: /^ubuntu/i, operatingSystem: 'UBUNTU', product: (version) => `Ubuntu${version}` },
  { pattern: /^red hat/i, operatingSystem: 'REDHAT_ENTERPRISE_LINUX', product: (version) => `RedhatEnterpriseLinux${version}` },
  { pattern: /^amazon linux/i, operatingSystem: 'AMAZON_LINUX_2023', product: () => 'AmazonLinux2023' },
  { pattern: /^rocky/i, operatingSystem: 'ROCKY_LINUX', product: (version) => `RockyLinux${version}` },
  { pattern: /^alma/i, operatingSystem: 'ALMA_LINUX', product: (version) => `AlmaLinux${version}` },
  { pattern: /^centos/i, operatingSystem: 'CENTOS', product: (version) => `CentOS${major(version)}` },
  { pattern: /^oracle/i, operatingSystem: 'ORACLE_LINUX', product: (version) => `OracleLinux${version}` },
  { pattern: /^(sles|suse|opensuse)/i, operatingSystem: 'SUSE', product: (version) => `Suse${version}` },
];

/** Null when Patch Manager has no baseline for the platform (macOS, Windows, an unknown distribution). */
export function operatingSystemOf(platformName: string | null, platformVersion: string | null): NodeOperatingSystem | null {
  const name = (platformName ?? '').trim();
  const version = (platformVersion ?? '').trim();
  const family = FAMILIES.find((candidate) => candidate.pattern.test(name));
  if (!family) return null;
  if (family.operatingSystem === 'AMAZON_LINUX_2023' && major(version) === '2') return { operatingSystem: 'AMAZON_LINUX_2', product: 'AmazonLinux2' };
  return { operatingSystem: family.operatingSystem, product: family.product(version) };
}

/** apt-based systems: AWS applies EnableNonSecurity only to yum/dnf-based ones. */
export function isAptBased(operatingSystem: PatchOperatingSystem): boolean {
  return operatingSystem === 'DEBIAN' || operatingSystem === 'UBUNTU';
}
