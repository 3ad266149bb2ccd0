import { withSession } from '@/server/http/route';
import { listPathChildren } from '@/server/parameters/service';

/** The sub-paths directly under ?path= (default /), each with how many parameters sit below it. */
export const GET = withSession(async (req, caller) => ({ children: await listPathChildren(caller, req.nextUrl.searchParams.get('path') || '/') }));
