import { withSession } from '@/server/http/route';
import { validationError } from '@/server/errors';
import { contentDisposition, downloadNodeFile } from '@/server/node-tools/files';

/** GET ?path=/var/log/syslog — the file streamed from the agent as an attachment (up to 10 MiB). */
export const GET = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => {
  const path = req.nextUrl.searchParams.get('path');
  if (path === null) throw validationError('path: give the file to download, e.g. ?path=/etc/hostname');
  const download = await downloadNodeFile(caller, nodeId, path);
  return new Response(download.body, {
    headers: {
      // Always opaque bytes and an attachment: a node's .html or .svg served inline from the
      // console's origin would run its scripts with the operator's session.
      'content-type': 'application/octet-stream',
      'content-disposition': contentDisposition(download.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'x-opsdeck-real-path': encodeURI(download.realPath),
    },
  });
});
