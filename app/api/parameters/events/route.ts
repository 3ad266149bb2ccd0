import { withSession } from '@/server/http/route';
import { listPolicyEventsForConsole } from '@/server/parameters/console';
import { nameParam } from '../request';

/** ?name=: the events the parameter's policies raised (expiry, notifications), newest first. */
export const GET = withSession(async (req, caller) => ({ events: await listPolicyEventsForConsole(caller, nameParam(req)) }));
