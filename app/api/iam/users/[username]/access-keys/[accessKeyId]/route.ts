import { readJson, withSession } from '@/server/http/route';
import { deleteAccessKey, updateAccessKey, updateAccessKeyInput } from '@/server/identity/access-keys';

type Params = { username: string; accessKeyId: string };

export const PATCH = withSession<Params>(async (req, caller, { username, accessKeyId }) => {
  const { status } = updateAccessKeyInput.parse(await readJson(req));
  await updateAccessKey(caller, username, accessKeyId, status);
});
export const DELETE = withSession<Params>(async (_req, caller, { username, accessKeyId }) => deleteAccessKey(caller, username, accessKeyId));
