import { z } from 'zod';

/** Checked here so a mistyped address is a 400 in words, not a database error. */
export const associationIdSchema = z.string().uuid('expected an association id');
export const executionIdSchema = z.string().uuid('expected an association execution id');

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'pageSize is at most 200').default(25),
});

export const pageOf = (query: z.infer<typeof pageQuery>) => ({ maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });
