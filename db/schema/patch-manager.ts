import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { PatchState, RebootOption, PatchOperation } from '../../agent/protocol';
import { managedNodes } from './nodes';

export const PATCH_OPERATING_SYSTEMS = [
  'DEBIAN',
  'UBUNTU',
  'REDHAT_ENTERPRISE_LINUX',
  'AMAZON_LINUX_2023',
  'AMAZON_LINUX_2',
  'ROCKY_LINUX',
  'ALMA_LINUX',
  'CENTOS',
  'ORACLE_LINUX',
  'SUSE',
] as const;
export type PatchOperatingSystem = (typeof PATCH_OPERATING_SYSTEMS)[number];
export const PATCH_COMPLIANCE_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;
export type PatchComplianceLevel = (typeof PATCH_COMPLIANCE_LEVELS)[number];

/** AWS's PatchFilter: Key is PRODUCT, SECTION, PRIORITY, CLASSIFICATION, SEVERITY, PACKAGE_NAME, ... */
export interface PatchFilter {
  Key: string;
  Values: string[];
}
export interface PatchRule {
  PatchFilterGroup: { PatchFilters: PatchFilter[] };
  ComplianceLevel?: PatchComplianceLevel;
  ApproveAfterDays?: number;
  /** YYYY-MM-DD: approve what was released on or before this date. */
  ApproveUntilDate?: string;
  EnableNonSecurity?: boolean;
}
export interface PatchSource {
  Name: string;
  Products: string[];
  Configuration: string;
}

/** A patch baseline; `pb-` ids, AWS-owned ones named AWS-*DefaultPatchBaseline and read-only. */
export const patchBaselines = pgTable(
  'patch_baselines',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    operatingSystem: text('operating_system').$type<PatchOperatingSystem>().notNull(),
    globalFilters: jsonb('global_filters').$type<{ PatchFilters: PatchFilter[] }>().notNull().default({ PatchFilters: [] }),
    approvalRules: jsonb('approval_rules').$type<{ PatchRules: PatchRule[] }>().notNull().default({ PatchRules: [] }),
    approvedPatches: jsonb('approved_patches').$type<string[]>().notNull().default([]),
    approvedPatchesComplianceLevel: text('approved_patches_compliance_level').$type<PatchComplianceLevel>().notNull().default('UNSPECIFIED'),
    approvedPatchesEnableNonSecurity: boolean('approved_patches_enable_non_security').notNull().default(false),
    rejectedPatches: jsonb('rejected_patches').$type<string[]>().notNull().default([]),
    rejectedPatchesAction: text('rejected_patches_action').$type<'ALLOW_AS_DEPENDENCY' | 'BLOCK'>().notNull().default('ALLOW_AS_DEPENDENCY'),
    sources: jsonb('sources').$type<PatchSource[]>().notNull().default([]),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    /** Predefined by Opsdeck (AWS-owned in AWS): cannot be changed or deleted. */
    isPredefined: boolean('is_predefined').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('patch_baselines_os_idx').on(t.operatingSystem, t.name)],
);

/** Which baseline a patch group uses, per operating system (a group can have one per OS). */
export const patchGroups = pgTable(
  'patch_groups',
  {
    patchGroup: text('patch_group').notNull(),
    operatingSystem: text('operating_system').$type<PatchOperatingSystem>().notNull(),
    baselineId: text('baseline_id')
      .notNull()
      .references(() => patchBaselines.id),
  },
  (t) => [primaryKey({ columns: [t.patchGroup, t.operatingSystem] }), index('patch_groups_baseline_idx').on(t.baselineId)],
);

/** The default baseline per operating system (RegisterDefaultPatchBaseline). */
export const defaultPatchBaselines = pgTable('default_patch_baselines', {
  operatingSystem: text('operating_system').$type<PatchOperatingSystem>().primaryKey(),
  baselineId: text('baseline_id')
    .notNull()
    .references(() => patchBaselines.id),
});

/**
 * Updates nodes have been offered (reported by scans): the catalogue DescribeAvailablePatches and
 * DescribeEffectivePatchesForPatchBaseline read, since Opsdeck has no vendor feed of its own.
 */
export const availablePatches = pgTable(
  'available_patches',
  {
    operatingSystem: text('operating_system').$type<PatchOperatingSystem>().notNull(),
    name: text('name').notNull(),
    arch: text('arch').notNull().default(''),
    version: text('version').notNull(),
    repository: text('repository').notNull().default(''),
    section: text('section').notNull().default(''),
    priority: text('priority').notNull().default(''),
    classification: text('classification').notNull().default(''),
    severity: text('severity').notNull().default(''),
    product: text('product').notNull().default(''),
    releaseDate: timestamp('release_date', { withTimezone: true }),
    cveIds: jsonb('cve_ids').$type<string[]>().notNull().default([]),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.operatingSystem, t.name, t.arch, t.version] })],
);

/** A node's patch summary after its last Scan or Install (AWS's InstancePatchState). */
export const instancePatchStates = pgTable(
  'instance_patch_states',
  {
    nodeId: text('node_id')
      .primaryKey()
      .references(() => managedNodes.id, { onDelete: 'cascade' }),
    patchGroup: text('patch_group'),
    baselineId: text('baseline_id').notNull(),
    snapshotId: text('snapshot_id').notNull(),
    installOverrideList: text('install_override_list'),
    operation: text('operation').$type<PatchOperation>().notNull(),
    rebootOption: text('reboot_option').$type<RebootOption>().notNull(),
    operationStartTime: timestamp('operation_start_time', { withTimezone: true }).notNull(),
    operationEndTime: timestamp('operation_end_time', { withTimezone: true }).notNull(),
    lastNoRebootInstallOperationTime: timestamp('last_no_reboot_install_operation_time', { withTimezone: true }),
    installedCount: integer('installed_count').notNull().default(0),
    installedOtherCount: integer('installed_other_count').notNull().default(0),
    installedPendingRebootCount: integer('installed_pending_reboot_count').notNull().default(0),
    installedRejectedCount: integer('installed_rejected_count').notNull().default(0),
    missingCount: integer('missing_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    notApplicableCount: integer('not_applicable_count').notNull().default(0),
    criticalNonCompliantCount: integer('critical_non_compliant_count').notNull().default(0),
    securityNonCompliantCount: integer('security_non_compliant_count').notNull().default(0),
    otherNonCompliantCount: integer('other_non_compliant_count').notNull().default(0),
    rebootRequired: boolean('reboot_required').notNull().default(false),
    /**
     * Set when an Install rebooted the node (the node's clock at the report): the first connection
     * from a later boot has it scanned again, so what the reboot finished reads Installed.
     */
    scanAfterBootSince: timestamp('scan_after_boot_since', { withTimezone: true }),
    /** The Run Command invocation that produced this state. */
    commandId: text('command_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('instance_patch_states_group_idx').on(t.patchGroup)],
);

/** One patch on one node as its last operation left it (DescribeInstancePatches). */
export const instancePatches = pgTable(
  'instance_patches',
  {
    nodeId: text('node_id')
      .notNull()
      .references(() => managedNodes.id, { onDelete: 'cascade' }),
    kbId: text('kb_id').notNull(),
    title: text('title').notNull(),
    classification: text('classification').notNull().default(''),
    severity: text('severity').notNull().default(''),
    state: text('state').$type<PatchState>().notNull(),
    installedTime: timestamp('installed_time', { withTimezone: true }),
    cveIds: text('cve_ids'),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.kbId] }), index('instance_patches_state_idx').on(t.state)],
);
