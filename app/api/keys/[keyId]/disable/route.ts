import { withSession } from '@/server/http/route';
import { disableKey } from '@/server/keys';

export const POST = withSession<{ keyId: string }>(async (_req, caller, { keyId }) => disableKey(caller, keyId));
