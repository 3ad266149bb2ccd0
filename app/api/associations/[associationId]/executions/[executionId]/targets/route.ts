import { withSession } from '@/server/http/route';
import { describeAssociationExecutionTargets } from '@/server/associations/service';
import { associationIdSchema, executionIdSchema, pageOf, pageQuery } from '../../../../ids';

/** DescribeAssociationExecutionTargets: each node's result of one run, with the start of its output. */
export const GET = withSession<{ associationId: string; executionId: string }>(async (req, caller, params) => {
  const associationId = associationIdSchema.parse(params.associationId);
  const executionId = executionIdSchema.parse(params.executionId);
  const query = pageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { targets, hasMore } = await describeAssociationExecutionTargets(caller, { associationId, executionId, ...pageOf(query) });
  return { targets, hasMore, page: query.page, pageSize: query.pageSize };
});
