import { defaultPatchBaselines, patchBaselines, type PatchOperatingSystem, type PatchRule } from '@/db/schema';
import { getDb } from '@/server/context';
import { predefinedBaselineId } from './ids';

interface PredefinedBaseline {
  name: string;
  operatingSystem: PatchOperatingSystem;
  title: string;
}

// AWS's names, one per operating system; each is the initial default for its OS.
const PREDEFINED: PredefinedBaseline[] = [
  { name: 'AWS-DebianDefaultPatchBaseline', operatingSystem: 'DEBIAN', title: 'Debian' },
  { name: 'AWS-UbuntuDefaultPatchBaseline', operatingSystem: 'UBUNTU', title: 'Ubuntu' },
  { name: 'AWS-RedHatDefaultPatchBaseline', operatingSystem: 'REDHAT_ENTERPRISE_LINUX', title: 'Red Hat Enterprise Linux' },
  { name: 'AWS-AmazonLinux2023DefaultPatchBaseline', operatingSystem: 'AMAZON_LINUX_2023', title: 'Amazon Linux 2023' },
  { name: 'AWS-AmazonLinux2DefaultPatchBaseline', operatingSystem: 'AMAZON_LINUX_2', title: 'Amazon Linux 2' },
  { name: 'AWS-RockyLinuxDefaultPatchBaseline', operatingSystem: 'ROCKY_LINUX', title: 'Rocky Linux' },
  { name: 'AWS-AlmaLinuxDefaultPatchBaseline', operatingSystem: 'ALMA_LINUX', title: 'AlmaLinux' },
  { name: 'AWS-CentOSDefaultPatchBaseline', operatingSystem: 'CENTOS', title: 'CentOS' },
  { name: 'AWS-OracleLinuxDefaultPatchBaseline', operatingSystem: 'ORACLE_LINUX', title: 'Oracle Linux' },
  { name: 'AWS-SuseDefaultPatchBaseline', operatingSystem: 'SUSE', title: 'SUSE Linux Enterprise Server' },
];

/** Security updates (apt: from a security origin; dnf: updateinfo type security), 7 days after release. */
const SECURITY_AFTER_SEVEN_DAYS: PatchRule = {
  PatchFilterGroup: { PatchFilters: [{ Key: 'PRODUCT', Values: ['*'] }, { Key: 'CLASSIFICATION', Values: ['Security'] }] },
  ApproveAfterDays: 7,
  ComplianceLevel: 'UNSPECIFIED',
  EnableNonSecurity: false,
};

/** Names are reserved for Opsdeck's own baselines, as AWS reserves them. */
export const RESERVED_NAME_PREFIX = 'AWS-';

/**
 * Seeds the predefined baselines and, for an operating system with no default yet, makes its
 * predefined baseline the default. Idempotent: run at every start; a default the operator chose
 * stays.
 */
export async function ensurePredefinedPatchBaselines(): Promise<void> {
  const db = getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(patchBaselines)
      .values(
        PREDEFINED.map((baseline) => ({
          id: predefinedBaselineId(baseline.name),
          name: baseline.name,
          description: `Default patch baseline for ${baseline.title}: security updates are approved 7 days after their release.`,
          operatingSystem: baseline.operatingSystem,
          approvalRules: { PatchRules: [SECURITY_AFTER_SEVEN_DAYS] },
          isPredefined: true,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(defaultPatchBaselines)
      .values(PREDEFINED.map((baseline) => ({ operatingSystem: baseline.operatingSystem, baselineId: predefinedBaselineId(baseline.name) })))
      .onConflictDoNothing({ target: defaultPatchBaselines.operatingSystem });
  });
}
