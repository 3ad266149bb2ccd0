import { withSession } from '@/server/http/route';
import { cancelKeyDeletion } from '@/server/keys';

export const POST = withSession<{ keyId: string }>(async (_req, caller, { keyId }) => cancelKeyDeletion(caller, keyId));
