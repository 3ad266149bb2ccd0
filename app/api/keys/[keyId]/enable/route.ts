import { withSession } from '@/server/http/route';
import { enableKey } from '@/server/keys';

export const POST = withSession<{ keyId: string }>(async (_req, caller, { keyId }) => enableKey(caller, keyId));
