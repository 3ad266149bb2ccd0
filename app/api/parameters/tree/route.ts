import { withSession } from '@/server/http/route';
import { listPathChildrenForConsole } from '@/server/parameters/console';

/** The sub-paths directly under ?path= (default /), each with how many parameters sit below it. */
export const GET = withSession(async (req, caller) => ({ children: await listPathChildrenForConsole(caller, req.nextUrl.searchParams.get('path') || '/') }));
