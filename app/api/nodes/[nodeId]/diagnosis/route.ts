import { withSession } from '@/server/http/route';
import { diagnoseNode } from '@/server/fleet/diagnosis';

export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => diagnoseNode(caller, nodeId));
