import { z } from 'zod';
import { nodeIdSchema } from '@/agent/protocol';

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'pageSize is at most 200').default(25),
});

export const pageOf = (query: z.infer<typeof pageQuery>) => ({ maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });

/** Checked here so a mistyped address is a 400 in words, not a database error. */
export const nodeIdParam = z.object({ nodeId: nodeIdSchema });
export const baselineIdParam = z.object({ baselineId: z.string().regex(/^pb-[0-9a-f]{17}$/, 'expected a baseline id like pb-0123456789abcdef0') });
