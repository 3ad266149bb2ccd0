import { withSession } from '@/server/http/route';
import { getInventorySchema } from '@/server/inventory/service';

/** Every inventory type with its attributes, for the query builder. */
export const GET = withSession(async (_req, caller) => ({ schemas: await getInventorySchema(caller, { isAggregator: false }) }));
