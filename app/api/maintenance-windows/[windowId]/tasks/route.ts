import { readJson, withSession } from '@/server/http/route';
import { registerTaskWithMaintenanceWindow, type RegisterTaskInput } from '@/server/maintenance-windows/service';

export const POST = withSession<{ windowId: string }>(async (req, caller, { windowId }) =>
  registerTaskWithMaintenanceWindow(caller, { ...((await readJson(req)) as Omit<RegisterTaskInput, 'windowId'>), windowId }),
);
