import type { Baseline, BaselineSettings, PatchOperatingSystem } from './queries';

/** One filter as the form edits it: values as comma-separated text. */
export interface FilterDraft {
  key: string;
  values: string;
}

export interface RuleDraft {
  filters: FilterDraft[];
  approval: 'days' | 'date';
  days: string;
  date: string;
  complianceLevel: string;
  enableNonSecurity: boolean;
}

export interface SourceDraft {
  name: string;
  products: string;
  configuration: string;
}

export interface BaselineDraft {
  name: string;
  description: string;
  operatingSystem: PatchOperatingSystem;
  globalFilters: FilterDraft[];
  rules: RuleDraft[];
  approvedPatches: string;
  approvedPatchesComplianceLevel: string;
  approvedPatchesEnableNonSecurity: boolean;
  rejectedPatches: string;
  rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY' | 'BLOCK';
  sources: SourceDraft[];
}

// Kept here rather than imported from db/schema, which would bring Drizzle into the browser bundle.
export const OPERATING_SYSTEMS = ['DEBIAN', 'UBUNTU', 'REDHAT_ENTERPRISE_LINUX', 'AMAZON_LINUX_2023', 'AMAZON_LINUX_2', 'ROCKY_LINUX', 'ALMA_LINUX', 'CENTOS', 'ORACLE_LINUX', 'SUSE'] as const satisfies readonly PatchOperatingSystem[];
export const FILTER_KEYS = ['PRODUCT', 'CLASSIFICATION', 'SEVERITY', 'SECTION', 'PRIORITY', 'PACKAGE_NAME'] as const;
export const COMPLIANCE_LEVELS = ['UNSPECIFIED', 'CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

export const newRule = (): RuleDraft => ({ filters: [{ key: 'CLASSIFICATION', values: 'Security' }], approval: 'days', days: '7', date: '', complianceLevel: 'UNSPECIFIED', enableNonSecurity: false });

export function emptyDraft(): BaselineDraft {
  return {
    name: '',
    description: '',
    operatingSystem: 'DEBIAN',
    globalFilters: [],
    rules: [newRule()],
    approvedPatches: '',
    approvedPatchesComplianceLevel: 'UNSPECIFIED',
    approvedPatchesEnableNonSecurity: false,
    rejectedPatches: '',
    rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
    sources: [],
  };
}

const splitList = (text: string, separator: RegExp) => text.split(separator).map((value) => value.trim()).filter(Boolean);
const filtersOf = (drafts: FilterDraft[]) => drafts.map((draft) => ({ Key: draft.key, Values: splitList(draft.values, /,/) }));
const filterDrafts = (filters: { Key: string; Values: string[] }[]): FilterDraft[] => filters.map((filter) => ({ key: filter.Key, values: filter.Values.join(', ') }));

/** The baseline as the draft describes it, in CreatePatchBaseline's member names; the server checks it. */
export function settingsOf(draft: BaselineDraft): BaselineSettings {
  return {
    Name: draft.name.trim(),
    Description: draft.description.trim() || undefined,
    GlobalFilters: { PatchFilters: filtersOf(draft.globalFilters) },
    ApprovalRules: {
      PatchRules: draft.rules.map((rule) => ({
        PatchFilterGroup: { PatchFilters: filtersOf(rule.filters) },
        ComplianceLevel: rule.complianceLevel,
        EnableNonSecurity: rule.enableNonSecurity,
        ...(rule.approval === 'days' ? { ApproveAfterDays: Number(rule.days) } : { ApproveUntilDate: rule.date }),
      })),
    } as BaselineSettings['ApprovalRules'],
    ApprovedPatches: splitList(draft.approvedPatches, /[\s,]+/),
    ApprovedPatchesComplianceLevel: draft.approvedPatchesComplianceLevel as BaselineSettings['ApprovedPatchesComplianceLevel'],
    ApprovedPatchesEnableNonSecurity: draft.approvedPatchesEnableNonSecurity,
    RejectedPatches: splitList(draft.rejectedPatches, /[\s,]+/),
    RejectedPatchesAction: draft.rejectedPatchesAction,
    Sources: draft.sources.map((source) => ({ Name: source.name.trim(), Products: splitList(source.products, /,/), Configuration: source.configuration })),
  } as BaselineSettings;
}

export function draftOf(baseline: Baseline): BaselineDraft {
  return {
    name: baseline.Name,
    description: baseline.Description ?? '',
    operatingSystem: baseline.OperatingSystem,
    globalFilters: filterDrafts(baseline.GlobalFilters.PatchFilters),
    rules: baseline.ApprovalRules.PatchRules.map((rule) => ({
      filters: filterDrafts(rule.PatchFilterGroup.PatchFilters),
      approval: rule.ApproveUntilDate ? 'date' : 'days',
      days: String(rule.ApproveAfterDays ?? 0),
      date: rule.ApproveUntilDate ?? '',
      complianceLevel: rule.ComplianceLevel ?? 'UNSPECIFIED',
      enableNonSecurity: rule.EnableNonSecurity ?? false,
    })),
    approvedPatches: baseline.ApprovedPatches.join('\n'),
    approvedPatchesComplianceLevel: baseline.ApprovedPatchesComplianceLevel,
    approvedPatchesEnableNonSecurity: baseline.ApprovedPatchesEnableNonSecurity,
    rejectedPatches: baseline.RejectedPatches.join('\n'),
    rejectedPatchesAction: baseline.RejectedPatchesAction,
    sources: baseline.Sources.map((source) => ({ name: source.Name, products: source.Products.join(', '), configuration: source.Configuration })),
  };
}

/** A new baseline's form, filled from an existing one (AWS's own included): "Copy to new baseline". */
export function copyDraftOf(baseline: Baseline): BaselineDraft {
  // Names starting AWS- are kept for the predefined baselines.
  const name = `${baseline.Name.replace(/^AWS-/, '')}-copy`.slice(0, 128);
  return { ...draftOf(baseline), name, description: `Copy of ${baseline.Name}${baseline.Description ? `: ${baseline.Description}` : ''}`.slice(0, 1024) };
}
