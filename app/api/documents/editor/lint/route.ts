import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { checkContent, lintDocument } from '@/server/documents/service';

const body = z.object({
  documentType: z.string().min(1).max(64),
  documentFormat: z.string().min(1).max(16),
  content: z.string().max(256 * 1024, 'a document has at most 64 KB of content'),
});

// Two static segments beside [name]: they only shadow /documents/editor/lint, a path no document
// route produces (documents have no "lint" sub-route), so a document may still be named "editor".
/**
 * The editor's inline check: every issue with its line and column, and, once the content is
 * valid, its parameters in full (allowed values and patterns too) for the parameters preview.
 */
export const POST = withSession(async (req, caller) => {
  const input = body.parse(await readJson(req));
  const { issues } = await lintDocument(caller, input);
  return { issues, parameters: issues.length === 0 ? checkContent(input.documentType, input.documentFormat, input.content).parameterDefinitions : [] };
});
