import { withSession } from '@/server/http/route';
import { lookupAuditEvents } from '@/server/audit/service';

export const GET = withSession(async (req, caller) => lookupAuditEvents(caller, Object.fromEntries(req.nextUrl.searchParams)));
