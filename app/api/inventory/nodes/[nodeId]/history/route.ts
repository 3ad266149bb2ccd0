import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { nodeInventoryHistory } from '@/server/inventory/service';
import { pageOf, pageSchema } from '../../../params';

const historyQuery = pageSchema.extend({ type: z.string().regex(/^(AWS|Custom):[a-zA-Z0-9_\-:./]{1,90}$/, 'type is AWS:Name or Custom:Name').optional() });

/** What appeared, changed and disappeared on the node, newest first: ?type=AWS:Application&page=2. */
export const GET = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => {
  const query = historyQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await nodeInventoryHistory(caller, { nodeId, typeName: query.type, ...pageOf(query) });
  return { ...page, page: query.page, pageSize: query.pageSize };
});
