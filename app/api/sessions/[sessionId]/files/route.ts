import { withSession } from '@/server/http/route';
import { validationError } from '@/server/errors';
import { contentDisposition } from '@/server/node-tools/files';
import { downloadSessionFile, uploadSessionFile } from '@/server/sessions/service';

function pathOf(req: { nextUrl: URL }): string {
  const path = req.nextUrl.searchParams.get('path');
  if (path === null) throw validationError('path: give the file on the node, e.g. ?path=/home/opsdeck-user/notes.txt');
  return path;
}

/** POST ?path=... with the file as the body (streamed to the agent) → { path, bytes }. Your own live session; audited. */
export const POST = withSession<{ sessionId: string }>(async (req, caller, { sessionId }) => {
  if (!req.body) throw validationError('the request has no body: send the file as the request body');
  return uploadSessionFile(caller, sessionId, pathOf(req), req.body);
});

/** GET ?path=... → the file, streamed from the agent as an attachment. Your own live session; audited. */
export const GET = withSession<{ sessionId: string }>(async (req, caller, { sessionId }) => {
  const download = await downloadSessionFile(caller, sessionId, pathOf(req));
  return new Response(download.body, {
    headers: {
      // Opaque bytes and an attachment, never rendered on the console's origin.
      'content-type': 'application/octet-stream',
      'content-disposition': contentDisposition(download.path.split('/').pop() || 'download'),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
});
