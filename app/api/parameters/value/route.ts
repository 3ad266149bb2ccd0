import { withSession } from '@/server/http/route';
import { getParameter } from '@/server/parameters/service';
import { nameParam, wantsDecryption } from '../request';

/** ?name= (or name:3, name:label) &decrypt=1: the console's "Show", recorded in the audit trail. */
export const GET = withSession(async (req, caller) => getParameter(caller, { Name: nameParam(req), WithDecryption: wantsDecryption(req) }));
