import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listExecutionPage } from '@/server/maintenance-windows/console';

const query = z.object({
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize is at most 100').default(20),
});

export const GET = withSession<{ windowId: string }>(async (req, caller, { windowId }) => {
  const { page, pageSize } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return { ...(await listExecutionPage(caller, windowId, page, pageSize)), page, pageSize };
});
