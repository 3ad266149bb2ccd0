import { withSession } from '@/server/http/route';
import { getNode } from '@/server/fleet/service';
import { nodeToolPermissions } from '@/server/node-tools/permissions';

// The node plus what this caller may do to it; the live views' flags are decided with the
// node's tags like the rest, so the page offers only what the services will allow.
export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => {
  const node = await getNode(caller, nodeId);
  return { node: { ...node, permissions: { ...node.permissions, ...(await nodeToolPermissions(caller, node)) } } };
});
