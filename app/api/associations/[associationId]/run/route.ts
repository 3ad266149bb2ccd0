import { withSession } from '@/server/http/route';
import { startAssociationsOnce } from '@/server/associations/service';
import { associationIdSchema } from '../../ids';

/** StartAssociationsOnce ("Apply now"): a run on the current targets, whatever the schedule says. */
export const POST = withSession<{ associationId: string }>(async (_req, caller, params) => {
  const associationId = associationIdSchema.parse(params.associationId);
  await startAssociationsOnce(caller, [associationId]);
  return { associationId };
});
