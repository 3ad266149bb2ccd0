import { withSession } from '@/server/http/route';
import { listGroupMembers } from '@/server/resource-groups/service';

export const GET = withSession<{ name: string }>(async (req, caller, { name }) =>
  listGroupMembers(caller, name, { page: req.nextUrl.searchParams.get('page') ?? undefined, pageSize: req.nextUrl.searchParams.get('pageSize') ?? undefined }),
);
