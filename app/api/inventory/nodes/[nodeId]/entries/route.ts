import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listInventoryEntries } from '@/server/inventory/service';
import { pageOf, pageSchema } from '../../../params';

const entriesQuery = pageSchema.extend({
  type: z.string().regex(/^(AWS|Custom):[a-zA-Z0-9_\-:./]{1,90}$/, 'type is AWS:Name or Custom:Name'),
  q: z.string().max(200, 'the search has at most 200 characters').optional(),
});

/** One type's entries on the node: ?type=AWS:Application&q=ssl&page=2. */
export const GET = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => {
  const query = entriesQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await listInventoryEntries(caller, { nodeId, typeName: query.type, filters: [], search: query.q, ...pageOf(query) });
  return { ...page, page: query.page, pageSize: query.pageSize };
});
