import type { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { createGroup, listGroups, type createGroupInput } from '@/server/identity/groups';

export const GET = withSession(async (_req, caller) => ({ groups: await listGroups(caller) }));
export const POST = withSession(async (req, caller) => createGroup(caller, (await readJson(req)) as z.input<typeof createGroupInput>));
