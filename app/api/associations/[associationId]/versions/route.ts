import { withSession } from '@/server/http/route';
import { listAssociationVersions } from '@/server/associations/service';
import { associationIdSchema, pageOf, pageQuery } from '../../ids';

/** ListAssociationVersions: every version of the settings, newest first. */
export const GET = withSession<{ associationId: string }>(async (req, caller, params) => {
  const associationId = associationIdSchema.parse(params.associationId);
  const query = pageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { versions, hasMore } = await listAssociationVersions(caller, { associationId, ...pageOf(query) });
  return { versions, hasMore, page: query.page, pageSize: query.pageSize };
});
