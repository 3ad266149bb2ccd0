import { withSession } from '@/server/http/route';
import { parseFleetQuery } from '@/server/fleet/filters';
import { listNodes } from '@/server/fleet/service';

/** The Fleet Manager list: the URL filter contract of server/fleet/filters.ts, paged and sorted in PostgreSQL. */
export const GET = withSession(async (req, caller) => {
  const { sort, order, page, pageSize, ...filters } = parseFleetQuery(req.nextUrl.searchParams);
  const result = await listNodes(caller, { filters, sort, order, limit: pageSize, offset: (page - 1) * pageSize });
  return { ...result, page, pageSize, sort, order };
});
