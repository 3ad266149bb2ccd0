import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { refreshProgress } from '@/server/inventory/refresh';

/** Where a refresh stands, and the node's data age once it is done. */
export const GET = withSession<{ nodeId: string; commandId: string }>(async (_req, caller, { nodeId, commandId }) =>
  refreshProgress(caller, nodeId, z.string().uuid('the command id is a UUID').parse(commandId)),
);
