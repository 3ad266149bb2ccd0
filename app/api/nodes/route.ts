import { withSession } from '@/server/http/route';
import { listNodes } from '@/server/fleet/service';

export const GET = withSession(async (req) => listNodes(Object.fromEntries(req.nextUrl.searchParams)));
