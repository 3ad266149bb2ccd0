import { readJson, withSession } from '@/server/http/route';
import { registerTargetWithMaintenanceWindow, type RegisterTargetInput } from '@/server/maintenance-windows/service';

export const POST = withSession<{ windowId: string }>(async (req, caller, { windowId }) =>
  registerTargetWithMaintenanceWindow(caller, { ...((await readJson(req)) as Omit<RegisterTargetInput, 'windowId'>), windowId }),
);
