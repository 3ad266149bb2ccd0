import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { createPatchBaseline, describePatchBaselines } from '@/server/patch-manager/baselines';
import { createBaselineInput, operatingSystemSchema } from '@/server/patch-manager/schemas';
import { pageOf, pageQuery } from '../query';

const listQuery = pageQuery.extend({
  namePrefix: z.string().trim().min(1).max(128).optional(),
  owner: z.enum(['Self', 'AWS', 'All'], { message: 'owner is Self, AWS or All' }).optional(),
  operatingSystem: operatingSystemSchema.optional(),
});

/** Baselines in name order: ?namePrefix=&owner=Self&operatingSystem=DEBIAN&page=. */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { baselines, hasMore } = await describePatchBaselines(caller, { namePrefix: query.namePrefix, owner: query.owner, operatingSystems: query.operatingSystem ? [query.operatingSystem] : undefined, ...pageOf(query) });
  return { baselines, hasMore, page: query.page, pageSize: query.pageSize };
});

/** CreatePatchBaseline, with AWS's member names. */
export const POST = withSession(async (req, caller) => createPatchBaseline(caller, createBaselineInput.parse(await readJson(req))));
