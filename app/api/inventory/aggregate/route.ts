import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { aggregateFleet } from '@/server/inventory/console';
import { filtersFrom } from '../params';

const aggregateQuery = z.object({
  type: z.string().regex(/^(AWS|Custom):[a-zA-Z0-9_\-:./]{1,90}$/, 'type is AWS:Name or Custom:Name'),
  attribute: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'attribute is letters, digits, _ and -'),
});

/** Nodes per value of ?type=&attribute= over the nodes ?filters= selects (version spread, OS spread). */
export const GET = withSession(async (req, caller) => {
  const query = aggregateQuery.parse({ type: req.nextUrl.searchParams.get('type'), attribute: req.nextUrl.searchParams.get('attribute') });
  return { rows: await aggregateFleet(caller, { filters: filtersFrom(req.nextUrl.searchParams), typeName: query.type, attribute: query.attribute }) };
});
