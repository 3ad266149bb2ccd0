import { withSession } from '@/server/http/route';
import { startAuditExport } from '@/server/audit/service';

/** The filtered trail as JSON lines, streamed page by page. */
export const GET = withSession(async (req, caller) => {
  const lines = await startAuditExport(caller, Object.fromEntries(req.nextUrl.searchParams));
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'application/x-ndjson',
      'content-disposition': `attachment; filename="opsdeck-audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.jsonl"`,
    },
  });
});
