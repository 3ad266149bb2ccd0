import { withSession } from '@/server/http/route';
import { describeAssociationExecutions } from '@/server/associations/service';
import { associationIdSchema, pageOf, pageQuery } from '../../ids';

/** DescribeAssociationExecutions: the association's runs, newest first. */
export const GET = withSession<{ associationId: string }>(async (req, caller, params) => {
  const associationId = associationIdSchema.parse(params.associationId);
  const query = pageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { executions, hasMore } = await describeAssociationExecutions(caller, { associationId, ...pageOf(query) });
  return { executions, hasMore, page: query.page, pageSize: query.pageSize };
});
