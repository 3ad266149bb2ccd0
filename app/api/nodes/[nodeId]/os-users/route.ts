import { withSession } from '@/server/http/route';
import { listNodeOsUsers } from '@/server/node-tools/os-users';

export const GET = withSession<{ nodeId: string }>(async (_req, caller, { nodeId }) => listNodeOsUsers(caller, nodeId));
