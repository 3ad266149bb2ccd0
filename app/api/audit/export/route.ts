import { downloadResponse, withSession } from '@/server/http/route';
import { startAuditExport } from '@/server/audit/service';

/** The filtered trail as JSON lines, streamed page by page. */
export const GET = withSession(async (req, caller) =>
  downloadResponse(await startAuditExport(caller, Object.fromEntries(req.nextUrl.searchParams)), 'application/x-ndjson', 'opsdeck-audit', 'jsonl'),
);
