import { withSession } from '@/server/http/route';
import { getCommandDetail } from '@/server/runcommand/service';

/** The command page's header: the command, its steps, invocation counts by status, and what the caller may do. */
export const GET = withSession<{ commandId: string }>(async (_req, caller, { commandId }) => getCommandDetail(caller, commandId));
