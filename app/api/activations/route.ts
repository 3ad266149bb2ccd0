import { withSession, readJson } from '@/server/http/route';
import { createActivation, listActivations, type CreateActivationInput } from '@/server/activations/service';

export const GET = withSession(async (req, caller) =>
  listActivations(caller, { offset: Number(req.nextUrl.searchParams.get('offset') ?? 0) || 0 }),
);

export const POST = withSession(async (req, caller) => createActivation(caller, (await readJson(req)) as CreateActivationInput));
