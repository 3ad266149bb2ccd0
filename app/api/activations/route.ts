import { withSession, readJson } from '@/server/http/route';
import { createActivation, listActivations, type CreateActivationInput } from '@/server/activations/service';

export const GET = withSession(async () => ({ activations: await listActivations() }));

export const POST = withSession(async (req, identity) =>
  createActivation((await readJson(req)) as CreateActivationInput, identity),
);
