import { z } from 'zod';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES } from './content';

/** AWS: 3-128 of letters, digits and _ - . ; the prefixes AWS-, AWS, Amazon are reserved for AWS's own. */
export const documentNameSchema = z
  .string({ message: 'Name is required' })
  .min(3, 'a document name has at least 3 characters')
  .max(128, 'a document name has at most 128 characters')
  .regex(/^[a-zA-Z0-9_\-.]+$/, 'a document name may contain letters, digits and _ - . only');

export const userDocumentNameSchema = documentNameSchema.refine(
  (name) => !/^(aws|amazon|opsdeck-)/i.test(name),
  'document names beginning with "AWS", "aws", "Amazon" or "Opsdeck-" are reserved for built-in documents',
);

/** `$LATEST`, `$DEFAULT` or a version number, as AWS's DocumentVersion member takes them. */
export const documentVersionSelectorSchema = z
  .string()
  .regex(/^([$]LATEST|[$]DEFAULT|[1-9][0-9]*)$/, 'DocumentVersion is $LATEST, $DEFAULT or a version number like 3');

export const versionNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9_\-.]+$/, 'a version name may contain letters, digits and _ - . only');

export const documentFormatSchema = z.enum(DOCUMENT_FORMATS, { message: `DocumentFormat is one of ${DOCUMENT_FORMATS.join(', ')}` });
export const documentTypeSchema = z.enum(DOCUMENT_TYPES, { message: `DocumentType is one of ${DOCUMENT_TYPES.join(', ')}` });

const tagsSchema = z.record(z.string().min(1).max(128), z.string().max(256)).refine((tags) => Object.keys(tags).length <= 50, 'a document has at most 50 tags');

export const createDocumentInput = z.object({
  name: userDocumentNameSchema,
  content: z.string({ message: 'Content is required' }).min(1, 'Content is required'),
  documentType: documentTypeSchema.default('Command'),
  documentFormat: documentFormatSchema.default('JSON'),
  versionName: versionNameSchema.optional(),
  displayName: z.string().max(1024).optional(),
  targetType: z.string().max(200).regex(/^\/[\w.\-:/]*$/, 'TargetType looks like /AWS::EC2::Instance or /').optional(),
  tags: tagsSchema.default({}),
});
export type CreateDocumentInput = z.input<typeof createDocumentInput>;

export const updateDocumentInput = z.object({
  name: documentNameSchema,
  content: z.string({ message: 'Content is required' }).min(1, 'Content is required'),
  /** The version the edit starts from: AWS requires $LATEST or the latest number (no edits of old versions). */
  documentVersion: documentVersionSelectorSchema.optional(),
  documentFormat: documentFormatSchema.optional(),
  versionName: versionNameSchema.optional(),
  displayName: z.string().max(1024).optional(),
  targetType: z.string().max(200).optional(),
});
export type UpdateDocumentInput = z.input<typeof updateDocumentInput>;

export const documentSelectorInput = z.object({
  name: documentNameSchema,
  documentVersion: documentVersionSelectorSchema.optional(),
  versionName: versionNameSchema.optional(),
});
export type DocumentSelector = z.input<typeof documentSelectorInput>;

export const DOCUMENT_FILTER_KEYS = ['Name', 'Owner', 'DocumentType', 'PlatformTypes', 'SearchKeyword'] as const;
export const OWNER_FILTERS = ['Self', 'Amazon', 'Private', 'All', 'Public', 'ThirdParty'] as const;

export const listDocumentsInput = z.object({
  filters: z
    .array(
      z.object({
        key: z
          .string()
          .refine((key) => (DOCUMENT_FILTER_KEYS as readonly string[]).includes(key) || /^tag:.+/.test(key), `filter keys are ${DOCUMENT_FILTER_KEYS.join(', ')} or tag:<key>`),
        values: z.array(z.string().max(256)).min(1, 'a filter needs at least one value').max(20),
      }),
    )
    .max(6)
    .default([]),
  maxResults: z.number().int().min(1).max(100).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListDocumentsInput = z.input<typeof listDocumentsInput>;
