import { withSession } from '@/server/http/route';
import { registerDefaultPatchBaseline } from '@/server/patch-manager/patch-groups';
import { baselineIdParam } from '../../../query';

/** RegisterDefaultPatchBaseline: this baseline becomes its operating system's default. */
export const POST = withSession<{ baselineId: string }>(async (_req, caller, params) => registerDefaultPatchBaseline(caller, baselineIdParam.parse(params).baselineId));
