import { withSession } from '@/server/http/route';
import { validationError } from '@/server/errors';
import { readNodeTextFile } from '@/server/node-tools/files';

/** GET ?path=/etc/hostname — a text file up to 1 MiB, as JSON (the console shows it as text, never as HTML). */
export const GET = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => {
  const path = req.nextUrl.searchParams.get('path');
  if (path === null) throw validationError('path: give the file to read, e.g. ?path=/etc/hostname');
  return readNodeTextFile(caller, nodeId, path);
});
