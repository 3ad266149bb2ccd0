import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { compareDocumentVersions } from '@/server/documents/service';

const query = z.object({ from: z.string({ message: 'from (a version) is required' }).min(1), to: z.string({ message: 'to (a version) is required' }).min(1) });

/** Line diff of two versions: ?from=1&to=2. */
export const GET = withSession<{ name: string }>(async (req, caller, { name }) => {
  const { from, to } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return compareDocumentVersions(caller, name, from, to);
});
