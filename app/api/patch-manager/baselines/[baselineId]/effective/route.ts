import { withSession } from '@/server/http/route';
import { describeEffectivePatches } from '@/server/patch-manager/catalogue-views';
import { baselineIdParam, pageOf, pageQuery } from '../../../query';

/** What the baseline approves, rejects or will approve among the updates nodes have been offered. */
export const GET = withSession<{ baselineId: string }>(async (req, caller, params) => {
  const { baselineId } = baselineIdParam.parse(params);
  const query = pageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return { ...(await describeEffectivePatches(caller, { baselineId, ...pageOf(query) })), page: query.page, pageSize: query.pageSize };
});
