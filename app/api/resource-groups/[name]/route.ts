import { readJson, withSession } from '@/server/http/route';
import { deleteResourceGroup, getResourceGroup, updateResourceGroup, type UpdateResourceGroupInput } from '@/server/resource-groups/service';

export const GET = withSession<{ name: string }>(async (_req, caller, { name }) => getResourceGroup(caller, name));
export const PUT = withSession<{ name: string }>(async (req, caller, { name }) => updateResourceGroup(caller, name, (await readJson(req)) as UpdateResourceGroupInput));
export const DELETE = withSession<{ name: string }>(async (_req, caller, { name }) => deleteResourceGroup(caller, name));
