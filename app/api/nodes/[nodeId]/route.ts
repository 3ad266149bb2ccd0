import { withSession } from '@/server/http/route';
import { getNode } from '@/server/fleet/service';

export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => ({ node: await getNode(caller, nodeId) }));
