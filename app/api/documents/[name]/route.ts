import { readJson, withSession } from '@/server/http/route';
import { deleteDocument, describeDocument, documentResourceArn, updateDocument, type UpdateDocumentInput } from '@/server/documents/service';
import { allowedActions } from '@/server/identity/authorize';

type Params = { name: string };

/** A document's description (one version: ?version=, else the default) and what the caller may do with it. */
export const GET = withSession<Params>(async (req, caller, { name }) => {
  const version = req.nextUrl.searchParams.get('version') ?? undefined;
  const document = await describeDocument(caller, { name, documentVersion: version });
  const resource = documentResourceArn(document.Name, document.Owner === 'Amazon');
  const permissions = await allowedActions(caller, {
    canUpdate: { action: 'ssm:UpdateDocument', resource },
    canDelete: { action: 'ssm:DeleteDocument', resource },
    canSetDefault: { action: 'ssm:UpdateDocumentDefaultVersion', resource },
    canRun: { action: 'ssm:SendCommand', resource },
  });
  return { document, isBuiltin: document.Owner === 'Amazon', permissions };
});

export const PUT = withSession<Params>(async (req, caller, { name }) => {
  const input = (await readJson(req)) as Omit<UpdateDocumentInput, 'name'>;
  return updateDocument(caller, { ...input, name });
});

export const DELETE = withSession<Params>(async (_req, caller, { name }) => {
  await deleteDocument(caller, { name });
  return { name };
});
