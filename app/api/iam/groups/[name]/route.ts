import { withSession } from '@/server/http/route';
import { deleteGroup } from '@/server/identity/groups';

export const DELETE = withSession<{ name: string }>(async (_req, caller, { name }) => deleteGroup(caller, name));
