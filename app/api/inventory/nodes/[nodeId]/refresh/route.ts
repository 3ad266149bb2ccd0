import { withSession } from '@/server/http/route';
import { refreshNodeInventory } from '@/server/inventory/refresh';

/** "Refresh now": collects the node's inventory at once; answers the command to follow. */
export const POST = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => refreshNodeInventory(caller, nodeId));
