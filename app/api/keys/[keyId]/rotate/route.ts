import { withSession } from '@/server/http/route';
import { rotateKeyOnDemand } from '@/server/keys';

export const POST = withSession<{ keyId: string }>(async (_req, caller, { keyId }) => rotateKeyOnDemand(caller, keyId));
