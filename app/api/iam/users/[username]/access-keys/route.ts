import { withSession } from '@/server/http/route';
import { createAccessKey, listAccessKeys } from '@/server/identity/access-keys';

export const GET = withSession<{ username: string }>(async (_req, caller, { username }) => ({ accessKeys: await listAccessKeys(caller, username) }));
export const POST = withSession<{ username: string }>(async (_req, caller, { username }) => createAccessKey(caller, username));
