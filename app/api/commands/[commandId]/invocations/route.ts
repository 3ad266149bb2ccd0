import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listCommandInvocations } from '@/server/runcommand/service';
import { INVOCATION_STATUSES } from '@/db/schema';

const query = z.object({
  status: z.enum(INVOCATION_STATUSES, { message: `status is one of ${INVOCATION_STATUSES.join(', ')}` }).optional(),
  details: z.enum(['true', 'false']).default('true'),
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(1000, 'pageSize is at most 1000').default(50),
});

/** One page of a command's per-node results, each step's output cut to 2,500 characters as AWS does. */
export const GET = withSession<{ commandId: string }>(async (req, caller, { commandId }) => {
  const parsed = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { invocations, hasMore } = await listCommandInvocations(caller, {
    commandId,
    status: parsed.status,
    details: parsed.details === 'true',
    maxResults: parsed.pageSize,
    offset: (parsed.page - 1) * parsed.pageSize,
  });
  return { invocations, hasMore, page: parsed.page, pageSize: parsed.pageSize };
});
