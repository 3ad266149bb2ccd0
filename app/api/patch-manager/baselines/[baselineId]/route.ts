import { readJson, withSession } from '@/server/http/route';
import { deletePatchBaseline, getPatchBaseline, updatePatchBaseline } from '@/server/patch-manager/baselines';
import { updateBaselineInput } from '@/server/patch-manager/schemas';
import { baselineIdParam } from '../../query';

type Params = { baselineId: string };

export const GET = withSession<Params>(async (_req, caller, params) => getPatchBaseline(caller, baselineIdParam.parse(params).baselineId));

/** UpdatePatchBaseline with Replace: the form sends the whole baseline. */
export const PUT = withSession<Params>(async (req, caller, params) => {
  const { baselineId } = baselineIdParam.parse(params);
  const body = updateBaselineInput.omit({ BaselineId: true }).parse(await readJson(req));
  return updatePatchBaseline(caller, { ...body, BaselineId: baselineId, Replace: true });
});

export const DELETE = withSession<Params>(async (_req, caller, params) => deletePatchBaseline(caller, baselineIdParam.parse(params).baselineId));
