import { z } from 'zod';
import { COMPLIANCE_SEVERITIES, COMPLIANCE_STATUSES } from '@/db/schema';
import { COMPLIANCE_OPERATORS } from './filters';

/** AWS's ComplianceTypeName: `Patch`, `Association` or `Custom:` and a word. */
export const complianceTypeSchema = z
  .string()
  .max(100, 'a compliance type has at most 100 characters')
  .regex(/^(Patch|Association|Custom:[A-Za-z0-9_-]\w+)$/, 'the compliance type is Patch, Association or Custom: and a name of letters, digits, _ and - (Custom:BackupCheck)');

export const MAX_ITEMS_PER_UPLOAD = 10_000;

const itemInput = z.object({
  // AWS marks Id optional; an item without one cannot be told apart from the next, so the service refuses it by name.
  id: z.string().max(100, 'an item Id has at most 100 characters').optional(),
  title: z.string().max(500, 'an item Title has at most 500 characters').optional(),
  severity: z.enum(COMPLIANCE_SEVERITIES, { message: `Severity is one of ${COMPLIANCE_SEVERITIES.join(', ')}` }),
  status: z.enum(COMPLIANCE_STATUSES, { message: `Status is ${COMPLIANCE_STATUSES.join(' or ')}` }),
  details: z.record(z.string().min(1).max(64, 'a Details name has at most 64 characters'), z.string().max(4096, 'a Details value has at most 4,096 characters')).optional(),
});

export const putComplianceItemsInput = z.object({
  resourceId: z.string().min(1).max(100),
  resourceType: z.string().min(1).max(50),
  complianceType: complianceTypeSchema,
  executionSummary: z.object({
    executionTime: z.date(),
    executionId: z.string().max(100).optional(),
    executionType: z.string().max(50).optional(),
  }),
  items: z.array(itemInput).max(MAX_ITEMS_PER_UPLOAD, `one upload takes at most ${MAX_ITEMS_PER_UPLOAD.toLocaleString('en')} items`),
  itemContentHash: z.string().max(256).optional(),
  uploadType: z.enum(['COMPLETE', 'PARTIAL']).default('COMPLETE'),
});
export type PutComplianceItemsInput = z.input<typeof putComplianceItemsInput>;

export const complianceFilterSchema = z.object({
  key: z.string().min(1).max(200),
  values: z.array(z.string().max(256)).min(1, 'a filter needs at least one value').max(20, 'a filter takes at most 20 values'),
  type: z.enum(COMPLIANCE_OPERATORS).optional(),
});

const page = {
  maxResults: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
};

export const listComplianceItemsInput = z.object({
  resourceIds: z.array(z.string().min(1).max(100)).max(100).optional(),
  resourceTypes: z.array(z.string().min(1).max(50)).max(1).optional(),
  filters: z.array(complianceFilterSchema).max(10).default([]),
  ...page,
});
export type ListComplianceItemsInput = z.input<typeof listComplianceItemsInput>;

export const listSummariesInput = z.object({
  filters: z.array(complianceFilterSchema).max(10).default([]),
  ...page,
});
export type ListSummariesInput = z.input<typeof listSummariesInput>;
