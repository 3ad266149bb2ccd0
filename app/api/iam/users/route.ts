import { readJson, withSession } from '@/server/http/route';
import { createUser, listUsers, type createUserInput } from '@/server/identity/users';
import type { z } from 'zod';

export const GET = withSession(async (_req, caller) => ({ users: await listUsers(caller) }));
export const POST = withSession(async (req, caller) => createUser(caller, (await readJson(req)) as z.input<typeof createUserInput>));
