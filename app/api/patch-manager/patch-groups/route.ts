import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { deregisterPatchGroup, describePatchGroups, registerPatchGroup } from '@/server/patch-manager/patch-groups';
import { baselineIdSchema } from '@/server/patch-manager/schemas';
import { pageOf, pageQuery } from '../query';

const registration = z.object({ baselineId: baselineIdSchema, patchGroup: z.string({ message: 'patchGroup is required' }) });

/** Patch groups with the baseline each uses, per operating system. */
export const GET = withSession(async (req, caller) => {
  const query = pageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { mappings, hasMore } = await describePatchGroups(caller, pageOf(query));
  return { mappings, hasMore, page: query.page, pageSize: query.pageSize };
});

export const POST = withSession(async (req, caller) => registerPatchGroup(caller, registration.parse(await readJson(req))));

export const DELETE = withSession(async (req, caller) => deregisterPatchGroup(caller, registration.parse(await readJson(req))));
