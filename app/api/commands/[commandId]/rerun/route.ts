import { withSession } from '@/server/http/route';
import { rerunOnUnsuccessful } from '@/server/runcommand/service';

export const POST = withSession<{ commandId: string }>(async (_req, caller, { commandId }) => rerunOnUnsuccessful(caller, commandId));
