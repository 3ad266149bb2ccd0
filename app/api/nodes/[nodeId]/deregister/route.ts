import { withSession } from '@/server/http/route';
import { deregisterNode } from '@/server/fleet/service';

export const POST = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => ({ node: await deregisterNode(caller, nodeId) }));
