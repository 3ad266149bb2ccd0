import { readJson, withSession } from '@/server/http/route';
import { deleteAssociation, describeAssociation, updateAssociation } from '@/server/associations/service';
import { updateAssociationInput } from '@/server/associations/schemas';
import { associationIdSchema } from '../ids';
import { DETAIL_NEXT_RUNS, withSchedule } from '../schedule-summary';

type Params = { associationId: string };

/** The association page: its settings, overview, schedule in words and next five runs. */
export const GET = withSession<Params>(async (_req, caller, params) => withSchedule(await describeAssociation(caller, associationIdSchema.parse(params.associationId)), DETAIL_NEXT_RUNS));

/** UpdateAssociation: the settings given replace the current ones, as a new version. */
export const PATCH = withSession<Params>(async (req, caller, params) => {
  const associationId = associationIdSchema.parse(params.associationId);
  const body = updateAssociationInput.omit({ associationId: true }).parse(await readJson(req));
  return updateAssociation(caller, { ...body, associationId });
});

export const DELETE = withSession<Params>(async (_req, caller, params) => {
  const associationId = associationIdSchema.parse(params.associationId);
  await deleteAssociation(caller, associationId);
  return { associationId };
});
