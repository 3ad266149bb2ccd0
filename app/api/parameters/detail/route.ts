import { withSession } from '@/server/http/route';
import { describeParameterForConsole } from '@/server/parameters/console';
import { nameParam } from '../request';

/** ?name=: metadata, tags, the value unless it is a SecureString, and what the caller may do. */
export const GET = withSession(async (req, caller) => describeParameterForConsole(caller, nameParam(req)));
