import { withSession } from '@/server/http/route';
import { searchSessionRecordings } from '@/server/sessions/service';

/** GET ?q=text → { results: [{ sessionId, target, owner, startDate, matches: [{ time, text }] }] } over the recordings you may read. */
export const GET = withSession(async (req, caller) => ({ results: await searchSessionRecordings(caller, req.nextUrl.searchParams.get('q') ?? '') }));
