import { readJson, withSession } from '@/server/http/route';
import { describeKey, updateKeyDescription, type UpdateKeyDescriptionInput } from '@/server/keys';

type Params = { keyId: string };

export const GET = withSession<Params>(async (_req, caller, { keyId }) => describeKey(caller, keyId));
export const PATCH = withSession<Params>(async (req, caller, { keyId }) => updateKeyDescription(caller, keyId, (await readJson(req)) as UpdateKeyDescriptionInput));
