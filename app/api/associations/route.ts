import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { createAssociation, listAssociations } from '@/server/associations/service';
import { associationSettingsInput } from '@/server/associations/schemas';
import { pageOf, pageQuery } from './ids';
import { LIST_NEXT_RUNS, withSchedule } from './schedule-summary';

const listQuery = pageQuery.extend({
  document: z.string().trim().min(1).max(256, 'the document name has at most 256 characters').optional(),
  name: z.string().trim().min(1).max(128, 'the association name has at most 128 characters').optional(),
});

/** Associations, newest first: ?document=AWS-RunShellScript (exact) &name=baseline (starts with) &page=2. */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { associations, hasMore } = await listAssociations(caller, { documentName: query.document, associationName: query.name, ...pageOf(query) });
  return { associations: associations.map((association) => withSchedule(association, LIST_NEXT_RUNS)), hasMore, page: query.page, pageSize: query.pageSize };
});

/** CreateAssociation: the new association, whose first run (unless it waits for its cron) has started. */
export const POST = withSession(async (req, caller) => createAssociation(caller, associationSettingsInput.parse(await readJson(req))));
