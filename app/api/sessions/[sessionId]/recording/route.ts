import { withSession } from '@/server/http/route';
import { getSessionRecording } from '@/server/sessions/service';

/**
 * GET → the asciicast v2 recording (`?download=1` as an attachment). The owner, or
 * opsdeck:GetSessionRecording on the session; audited.
 */
export const GET = withSession<{ sessionId: string }>(async (req, caller, { sessionId }) => {
  const chunks = await getSessionRecording(caller, sessionId);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-asciicast', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  // The id matches SESSION_ID_PATTERN (checked by the service), so it is safe in the header as it is.
  if (req.nextUrl.searchParams.get('download') === '1') headers['content-disposition'] = `attachment; filename="${sessionId}.cast"`;
  return new Response(body, { headers });
});
