import { withSession } from '@/server/http/route';
import { getNodePerformance } from '@/server/node-tools/metrics';

export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => ({ sample: await getNodePerformance(caller, nodeId) }));
