import { withSession } from '@/server/http/route';
import { getDocument } from '@/server/documents/service';

/** One version's content (?version=, else the default), in its own format unless ?format= asks for another. */
export const GET = withSession<{ name: string }>(async (req, caller, { name }) => {
  const params = req.nextUrl.searchParams;
  return getDocument(caller, { name, documentVersion: params.get('version') ?? undefined, documentFormat: params.get('format') ?? undefined });
});
