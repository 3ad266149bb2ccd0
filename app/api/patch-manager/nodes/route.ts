import { withSession } from '@/server/http/route';
import { fleetFilterSchema, listFleetPatchNodes } from '@/server/patch-manager/dashboard';
import { pageOf, pageQuery } from '../query';

const listQuery = pageQuery.merge(fleetFilterSchema);

/** Nodes with their last patch state: ?compliance=NonCompliant&platformName=…&patchGroup=…&page=2. */
export const GET = withSession(async (req, caller) => {
  const { page, pageSize, ...filter } = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { offset, maxResults } = pageOf({ page, pageSize });
  return { ...(await listFleetPatchNodes(caller, filter, { offset, limit: maxResults })), page, pageSize };
});
