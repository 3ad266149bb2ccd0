import { withSession } from '@/server/http/route';
import { listNodeStatusHistory } from '@/server/fleet/history';

/** GET ?limit=50&before=<id> — the node's status changes, newest first. */
export const GET = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) =>
  listNodeStatusHistory(caller, nodeId, Object.fromEntries(req.nextUrl.searchParams)),
);
