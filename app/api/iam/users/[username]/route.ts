import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { deleteUser, setUserPassword } from '@/server/identity/users';

export const DELETE = withSession<{ username: string }>(async (_req, caller, { username }) => deleteUser(caller, username));

export const PATCH = withSession<{ username: string }>(async (req, caller, { username }) => {
  const { password } = z.object({ password: z.string({ message: 'password is required' }) }).parse(await readJson(req));
  await setUserPassword(caller, username, password);
});
