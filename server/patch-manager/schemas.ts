import { z } from 'zod';
import { PATCH_COMPLIANCE_LEVELS, PATCH_OPERATING_SYSTEMS } from '@/db/schema';
import { PATCH_FILTER_KEYS } from './evaluate';

export const operatingSystemSchema = z.enum(PATCH_OPERATING_SYSTEMS, {
  message: `OperatingSystem is required, one of ${PATCH_OPERATING_SYSTEMS.join(', ')} (Opsdeck patches Linux only)`,
});
export const complianceLevelSchema = z.enum(PATCH_COMPLIANCE_LEVELS, { message: `a compliance level is one of ${PATCH_COMPLIANCE_LEVELS.join(', ')}` });

/** A baseline id or its ARN, as AWS's BaselineId pattern allows. */
export const baselineIdSchema = z
  .string({ message: 'BaselineId is required' })
  .regex(/^[a-zA-Z0-9_\-:/]{20,128}$/, 'BaselineId is a baseline id like pb-0123456789abcdef0 or its ARN');

export const patchGroupSchema = z
  .string({ message: 'PatchGroup is required' })
  .min(1, 'PatchGroup may not be empty')
  .max(256, 'PatchGroup has at most 256 characters')
  .regex(/^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u, 'PatchGroup may hold letters, digits, spaces and _ . : / = + - @');

const filterSchema = z.object({
  Key: z.enum(PATCH_FILTER_KEYS, { message: `a patch filter Key is one of ${PATCH_FILTER_KEYS.join(', ')}` }),
  Values: z.array(z.string().min(1, 'a filter value may not be empty').max(64, 'a filter value has at most 64 characters')).min(1, 'a patch filter needs at least one value').max(20, 'a patch filter takes at most 20 values'),
});

const filterGroupSchema = z
  .object({ PatchFilters: z.array(filterSchema).max(4, 'a filter group takes at most 4 filters') })
  .refine((group) => new Set(group.PatchFilters.map((filter) => filter.Key)).size === group.PatchFilters.length, 'each filter key may appear once in a filter group');

const ruleSchema = z
  .object({
    PatchFilterGroup: filterGroupSchema,
    ComplianceLevel: complianceLevelSchema.optional(),
    ApproveAfterDays: z.number().int().min(0, 'ApproveAfterDays is 0 or more').max(360, 'ApproveAfterDays is at most 360').optional(),
    ApproveUntilDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'ApproveUntilDate is a date like 2026-12-31')
      .refine((date) => !Number.isNaN(Date.parse(`${date}T00:00:00Z`)), 'ApproveUntilDate is not a real date')
      .optional(),
    EnableNonSecurity: z.boolean().optional(),
  })
  .refine((rule) => (rule.ApproveAfterDays === undefined) !== (rule.ApproveUntilDate === undefined), 'a rule takes exactly one of ApproveAfterDays and ApproveUntilDate');

const packageListSchema = z
  .array(z.string().min(1, 'a package entry may not be empty').max(100, 'a package entry has at most 100 characters').regex(/^\S+$/, 'a package entry has no spaces (name, name=version, name.arch, with * wildcards)'))
  .max(50, 'a package list takes at most 50 entries');

const sourceSchema = z.object({
  Name: z.string().regex(/^[a-zA-Z0-9_\-.]{3,50}$/, 'a source Name is 3 to 50 letters, digits, _ - or .'),
  Products: z.array(z.string().min(1).max(128)).min(1, 'a source names at least one product (like Debian12 or *)').max(20),
  Configuration: z.string().min(1, 'a source needs its configuration (an apt sources line or a yum .repo section)').max(1024),
});

const tagsSchema = z.array(z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) })).max(50);

/** The members a baseline is made of, as CreatePatchBaseline and UpdatePatchBaseline name them. */
export const baselineSettings = {
  Name: z.string({ message: 'Name is required' }).regex(/^[a-zA-Z0-9_\-.]{3,128}$/, 'Name is 3 to 128 letters, digits, _ - or .'),
  Description: z.string().max(1024, 'Description has at most 1024 characters').optional(),
  GlobalFilters: filterGroupSchema.optional(),
  ApprovalRules: z.object({ PatchRules: z.array(ruleSchema).max(10, 'a baseline takes at most 10 approval rules') }).optional(),
  ApprovedPatches: packageListSchema.optional(),
  ApprovedPatchesComplianceLevel: complianceLevelSchema.optional(),
  ApprovedPatchesEnableNonSecurity: z.boolean().optional(),
  RejectedPatches: packageListSchema.optional(),
  RejectedPatchesAction: z.enum(['ALLOW_AS_DEPENDENCY', 'BLOCK'], { message: 'RejectedPatchesAction is ALLOW_AS_DEPENDENCY or BLOCK' }).optional(),
  Sources: z.array(sourceSchema).max(20, 'a baseline takes at most 20 sources').optional(),
};

export const createBaselineInput = z.object({
  ...baselineSettings,
  // AWS defaults to WINDOWS, which Opsdeck does not patch: the operating system is asked for.
  OperatingSystem: operatingSystemSchema,
  Tags: tagsSchema.optional(),
  ClientToken: z.string().max(64).optional(),
});
export type CreateBaselineInput = z.input<typeof createBaselineInput>;

export const updateBaselineInput = z.object({
  BaselineId: baselineIdSchema,
  ...baselineSettings,
  Name: baselineSettings.Name.optional(),
  /** AWS: with Replace, the optional members left out are cleared rather than kept. */
  Replace: z.boolean().optional(),
});
export type UpdateBaselineInput = z.input<typeof updateBaselineInput>;
