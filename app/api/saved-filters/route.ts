import { withSession, readJson } from '@/server/http/route';
import { createSavedFilter, listSavedFilters, type CreateSavedFilterInput } from '@/server/fleet/saved-filters';

/** The signed-in user's own saved Fleet Manager filters. */
export const GET = withSession(async (_req, caller) => ({ savedFilters: await listSavedFilters(caller) }));

export const POST = withSession(async (req, caller) => ({ savedFilter: await createSavedFilter(caller, (await readJson(req)) as CreateSavedFilterInput) }));
