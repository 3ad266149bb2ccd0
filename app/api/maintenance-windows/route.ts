import { readJson, withSession } from '@/server/http/route';
import { listWindowSummaries } from '@/server/maintenance-windows/console';
import { createMaintenanceWindow, type CreateWindowInput } from '@/server/maintenance-windows/service';

export const GET = withSession(async (_req, caller) => listWindowSummaries(caller));
export const POST = withSession(async (req, caller) => createMaintenanceWindow(caller, (await readJson(req)) as CreateWindowInput));
