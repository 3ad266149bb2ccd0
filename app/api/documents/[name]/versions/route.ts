import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listDocumentVersions } from '@/server/documents/service';

const page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = withSession<{ name: string }>(async (req, caller, { name }) => {
  const query = page.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { versions, hasMore } = await listDocumentVersions(caller, name, { maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { versions, hasMore, page: query.page, pageSize: query.pageSize };
});
