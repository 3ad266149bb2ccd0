import { withSession } from '@/server/http/route';
import { queryFleetNodes } from '@/server/inventory/console';
import { filtersFrom, pageOf, pageSchema } from '../params';

/** Nodes whose inventory passes the filters, with the entries that matched: ?filters=[...]&page=2. */
export const GET = withSession(async (req, caller) => {
  const page = pageSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const result = await queryFleetNodes(caller, { filters: filtersFrom(req.nextUrl.searchParams), ...pageOf(page) });
  return { ...result, page: page.page, pageSize: page.pageSize };
});
