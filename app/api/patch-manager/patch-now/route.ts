import { readJson, withSession } from '@/server/http/route';
import { patchNow } from '@/server/patch-manager/patch-now';

/** "Patch now": AWS-RunPatchBaseline on the selected nodes or the filtered set; the commands it sent. */
export const POST = withSession(async (req, caller) => patchNow(caller, (await readJson(req)) as Parameters<typeof patchNow>[1]));
