import { withSession } from '@/server/http/route';
import { listResourceComplianceSummaries, nodeNames } from '@/server/compliance/service';
import { complianceViewQuery, filtersOf, pageQuery } from '../query';

/** ListResourceComplianceSummaries, a page at a time, with each node's name: ?type=Patch&status=NON_COMPLIANT&severity=HIGH&node=mi-0a&page=2. */
export const GET = withSession(async (req, caller) => {
  const query = complianceViewQuery.merge(pageQuery).parse(Object.fromEntries(req.nextUrl.searchParams));
  const { summaries, hasMore } = await listResourceComplianceSummaries(caller, { filters: filtersOf(query), maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const names = await nodeNames([...new Set(summaries.map((summary) => summary.ResourceId))]);
  return {
    resources: summaries.map((summary) => ({ ...summary, NodeName: names.get(summary.ResourceId)?.name, IsRegistered: names.get(summary.ResourceId)?.isRegistered ?? false })),
    hasMore,
    page: query.page,
    pageSize: query.pageSize,
  };
});
