import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { addUserToGroup, removeUserFromGroup } from '@/server/identity/groups';

const memberInput = z.object({ username: z.string({ message: 'username is required' }) });

export const POST = withSession<{ name: string }>(async (req, caller, { name }) => {
  const { username } = memberInput.parse(await readJson(req));
  await addUserToGroup(caller, name, username);
});

export const DELETE = withSession<{ name: string }>(async (req, caller, { name }) => {
  const { username } = memberInput.parse({ username: req.nextUrl.searchParams.get('username') ?? undefined });
  await removeUserFromGroup(caller, name, username);
});
