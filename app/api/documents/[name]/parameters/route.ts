import { withSession } from '@/server/http/route';
import { checkContent, getDocument } from '@/server/documents/service';

/** A version's parameters in full (types, defaults, allowed values and patterns): what a generated form needs. */
export const GET = withSession<{ name: string }>(async (req, caller, { name }) => {
  const version = await getDocument(caller, { name, documentVersion: req.nextUrl.searchParams.get('version') ?? undefined });
  const parsed = checkContent(version.DocumentType, version.DocumentFormat, version.Content);
  return { documentType: version.DocumentType, documentVersion: version.DocumentVersion, parameters: parsed.parameterDefinitions };
});
