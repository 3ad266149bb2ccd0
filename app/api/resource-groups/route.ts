import { readJson, withSession } from '@/server/http/route';
import { createResourceGroup, listResourceGroups, type CreateResourceGroupInput } from '@/server/resource-groups/service';

export const GET = withSession(async (_req, caller) => listResourceGroups(caller));
export const POST = withSession(async (req, caller) => createResourceGroup(caller, (await readJson(req)) as CreateResourceGroupInput));
