import { readJson, withSession } from '@/server/http/route';
import { deletePolicy, updatePolicy } from '@/server/identity/policies';

export const PUT = withSession<{ name: string }>(async (req, caller, { name }) => {
  const body = (await readJson(req)) as { description?: string; document?: string };
  return updatePolicy(caller, { name, description: body.description, document: body.document ?? '' });
});
export const DELETE = withSession<{ name: string }>(async (_req, caller, { name }) => deletePolicy(caller, name));
