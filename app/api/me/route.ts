import { withSession } from '@/server/http/route';
import { consolePermissions } from '@/server/identity/console-permissions';

export const GET = withSession(async (_req, caller) => ({ username: caller.username, permissions: await consolePermissions(caller) }));
