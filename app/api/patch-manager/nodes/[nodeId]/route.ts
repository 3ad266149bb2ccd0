import { z } from 'zod';
import { PATCH_STATES } from '@/agent/protocol';
import { withSession } from '@/server/http/route';
import { describeInstancePatches, describeInstancePatchStates } from '@/server/patch-manager/instance-states';
import { nodeIdParam, pageOf, pageQuery } from '../../query';

const patchesQuery = pageQuery.extend({ state: z.enum(PATCH_STATES, { message: `state is one of ${PATCH_STATES.join(', ')}` }).optional() });

/** One node's patch summary and its patches, a page at a time, optionally of one state. */
export const GET = withSession<{ nodeId: string }>(async (req, caller, params) => {
  const { nodeId } = nodeIdParam.parse(params);
  const query = patchesQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const [state] = (await describeInstancePatchStates(caller, { instanceIds: [nodeId] })).states;
  const { patches, hasMore } = await describeInstancePatches(caller, { instanceId: nodeId, filters: query.state ? { State: [query.state] } : {}, ...pageOf(query) });
  return { state: state ?? null, patches, hasMore, page: query.page, pageSize: query.pageSize };
});
