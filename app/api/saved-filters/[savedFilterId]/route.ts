import { withSession } from '@/server/http/route';
import { deleteSavedFilter } from '@/server/fleet/saved-filters';

export const DELETE = withSession<{ savedFilterId: string }>(async (_req, caller, { savedFilterId }) => {
  await deleteSavedFilter(caller, savedFilterId);
  return {};
});
