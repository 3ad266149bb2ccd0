import { readJson, withSession } from '@/server/http/route';
import { disableKeyRotation, enableKeyRotation, type EnableKeyRotationInput } from '@/server/keys';

type Params = { keyId: string };

/** PUT turns automatic rotation on (or changes its period); DELETE turns it off. */
export const PUT = withSession<Params>(async (req, caller, { keyId }) => enableKeyRotation(caller, keyId, (await readJson(req)) as EnableKeyRotationInput));
export const DELETE = withSession<Params>(async (_req, caller, { keyId }) => disableKeyRotation(caller, keyId));
