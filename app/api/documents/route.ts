import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { createDocument, listDocuments, type CreateDocumentInput } from '@/server/documents/service';

const listQuery = z.object({
  owner: z.enum(['Self', 'Amazon', 'All'], { message: 'owner is Self, Amazon or All' }).default('All'),
  type: z.string().max(64).optional(),
  search: z.string().trim().max(128, 'the search text has at most 128 characters').optional(),
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize is at most 100').default(25),
});

/** The documents list: owner, type and a name search map to ListDocuments' own filters. */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const filters: { key: string; values: string[] }[] = [{ key: 'Owner', values: [query.owner] }];
  if (query.type) filters.push({ key: 'DocumentType', values: [query.type] });
  if (query.search) filters.push({ key: 'SearchKeyword', values: [query.search] });
  const { items, total } = await listDocuments(caller, { filters, maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { documents: items, total, page: query.page, pageSize: query.pageSize };
});

export const POST = withSession(async (req, caller) => {
  const input = (await readJson(req)) as CreateDocumentInput;
  return createDocument(caller, input);
});
