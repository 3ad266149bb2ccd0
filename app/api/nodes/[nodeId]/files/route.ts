import { withSession } from '@/server/http/route';
import { listNodeDirectory } from '@/server/node-tools/files';

/** GET ?path=/etc — the path is checked (absolute, normalised, no NUL) by the service. */
export const GET = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) =>
  listNodeDirectory(caller, nodeId, req.nextUrl.searchParams.get('path') ?? '/'),
);
