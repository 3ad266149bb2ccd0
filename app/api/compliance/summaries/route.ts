import { withSession } from '@/server/http/route';
import { listComplianceSummaries } from '@/server/compliance/service';

/** ListComplianceSummaries for the page's cards: per compliance type, nodes by status and severity. */
export const GET = withSession(async (_req, caller) => {
  const { summaries } = await listComplianceSummaries(caller, { maxResults: 500 });
  return { summaries };
});
