import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listNodes } from '@/server/fleet/service';

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const GET = withSession(async (req, caller) => {
  const { sortBy, sortOrder, ...rest } = Object.fromEntries(req.nextUrl.searchParams);
  const { page, pageSize } = pageQuery.parse(rest);
  return listNodes(caller, { sortBy: sortBy as never, sortOrder: sortOrder as never, limit: pageSize, offset: (page - 1) * pageSize });
});
