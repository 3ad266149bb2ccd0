import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { decodeNextToken, nextTokenAfter } from '@/server/api/pagination';
import { querySessions, toSessionViews } from '@/server/sessions/service';

const PAGE_SIZE = 50;
const listQuery = z.object({
  state: z.enum(['Active', 'History']).default('Active'),
  target: z.string().max(64).optional(),
  owner: z.string().max(128).optional(),
  nextToken: z.string().max(512).optional(),
});

/** GET ?state=Active|History&target=mi-...&owner=alice&nextToken=... → { sessions: SessionView[], nextToken? } */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const offset = decodeNextToken('ConsoleSessions', query.nextToken);
  const page = await querySessions(caller, { state: query.state, target: query.target || undefined, owner: query.owner || undefined, maxResults: PAGE_SIZE, offset });
  return { sessions: await toSessionViews(caller, page.rows), nextToken: nextTokenAfter('ConsoleSessions', offset, page.rows.length, page.hasMore) };
});
