import { withSession } from '@/server/http/route';
import { deleteActivation } from '@/server/activations/service';

export const DELETE = withSession<{ activationId: string }>(async (_req, caller, { activationId }) => {
  await deleteActivation(caller, activationId);
});
