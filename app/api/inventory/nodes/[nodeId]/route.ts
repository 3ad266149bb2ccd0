import { withSession } from '@/server/http/route';
import { nodeInventorySummary } from '@/server/inventory/service';

/** A node's inventory types, their item counts and capture times. */
export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => nodeInventorySummary(caller, nodeId));
