import { z } from 'zod';
import { nodeIdSchema } from '@/agent/protocol';

// AWS Resource Groups: 1-300 characters of letters, digits and . _ -, and names beginning with
// "AWS" or "aws" are reserved for AWS's own groups.
export const resourceGroupNameSchema = z
  .string()
  .min(1, 'the group name is required')
  .max(300, 'the group name may have at most 300 characters')
  .regex(/^[a-zA-Z0-9_.-]+$/, 'the group name may contain letters, digits and . _ - only')
  .refine((name) => !/^(AWS|aws)/.test(name), 'group names beginning with "AWS" or "aws" are reserved');

// The same characters tags themselves allow (agent/protocol.ts), so a query can name any tag.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const tagKeySchema = z.string().min(1, 'a tag key is required').max(128, 'a tag key has at most 128 characters').regex(TAG_TEXT, 'tag keys may contain letters, digits, spaces and _.:/=+-@');
const tagValueSchema = z.string().min(1, 'a tag value cannot be empty').max(256, 'a tag value has at most 256 characters').regex(TAG_TEXT, 'tag values may contain letters, digits, spaces and _.:/=+-@');

export const MAX_QUERY_KEYS = 20;
export const MAX_QUERY_VALUES = 20;
export const MAX_STATIC_NODES = 1000;

/** key → accepted values: a node is a member when it has every key with one of that key's values. */
export const tagQuerySchema = z
  .record(
    z.string(),
    z
      .array(tagValueSchema)
      .min(1, 'give each tag key at least one value')
      .max(MAX_QUERY_VALUES, `a tag key takes at most ${MAX_QUERY_VALUES} values`)
      .transform((values) => [...new Set(values)]),
  )
  // Keys checked here rather than by the record's key schema, whose error would only say "Invalid key".
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      const checked = tagKeySchema.safeParse(key);
      if (!checked.success) ctx.addIssue({ code: 'custom', path: [key], message: checked.error.issues[0]?.message ?? 'invalid tag key' });
    }
  })
  .refine((query) => Object.keys(query).length > 0, 'a tag query needs at least one tag key')
  .refine((query) => Object.keys(query).length <= MAX_QUERY_KEYS, `a tag query has at most ${MAX_QUERY_KEYS} tag keys`);

export const staticNodeIdsSchema = z
  .array(nodeIdSchema)
  .min(1, 'a static group needs at least one node id')
  .max(MAX_STATIC_NODES, `a static group has at most ${MAX_STATIC_NODES} nodes`)
  .transform((ids) => [...new Set(ids)]);

const descriptionSchema = z.string().max(1024, 'the description may have at most 1024 characters');

// Strict objects: a node list sent with a tag query (or the reverse) is a mistake worth naming.
const strict = (kind: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `${issue.keys?.join(', ')} ${issue.keys?.length === 1 ? 'is' : 'are'} not used by a ${kind} group` : undefined,
});
const kindError = { error: "a group is either 'TagQuery' (members chosen by tags) or 'Static' (a list of node ids)" };
const tagQueryGroup = { kind: z.literal('TagQuery'), tagQuery: tagQuerySchema };
const staticGroup = { kind: z.literal('Static'), nodeIds: staticNodeIdsSchema };

export const createResourceGroupInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ name: resourceGroupNameSchema, description: descriptionSchema.default(''), ...tagQueryGroup }, strict('TagQuery')),
    z.strictObject({ name: resourceGroupNameSchema, description: descriptionSchema.default(''), ...staticGroup }, strict('Static')),
  ],
  kindError,
);
export type CreateResourceGroupInput = z.input<typeof createResourceGroupInput>;

/** A new definition replaces the old one whole; a missing description keeps the current one. */
export const updateResourceGroupInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ description: descriptionSchema.optional(), ...tagQueryGroup }, strict('TagQuery')),
    z.strictObject({ description: descriptionSchema.optional(), ...staticGroup }, strict('Static')),
  ],
  kindError,
);
export type UpdateResourceGroupInput = z.input<typeof updateResourceGroupInput>;

export const membersPageInput = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type MembersPageInput = z.input<typeof membersPageInput>;

/** Run Command / State Manager / Maintenance Windows targets, as AWS spells them. */
export const targetsSchema = z
  .array(
    z.object({
      Key: z.string().min(1, 'a target needs a Key').max(163),
      Values: z.array(z.string().min(1).max(256)).min(1, 'a target needs at least one value').max(50, 'a target takes at most 50 values'),
    }),
  )
  .min(1, 'give at least one target')
  .max(5, 'at most 5 targets may be combined');
export type Target = z.infer<typeof targetsSchema>[number];
