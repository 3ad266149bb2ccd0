import { readJson, withSession } from '@/server/http/route';
import { createKey, listKeys, type CreateKeyInput } from '@/server/keys';

export const GET = withSession(async (_req, caller) => listKeys(caller));
export const POST = withSession(async (req, caller) => createKey(caller, (await readJson(req)) as CreateKeyInput));
