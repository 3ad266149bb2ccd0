import { withSession } from '@/server/http/route';
import { listNodeProcesses } from '@/server/node-tools/processes';

export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => listNodeProcesses(caller, nodeId));
