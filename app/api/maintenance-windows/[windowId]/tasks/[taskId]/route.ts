import { withSession } from '@/server/http/route';
import { deregisterTaskFromMaintenanceWindow } from '@/server/maintenance-windows/service';

export const DELETE = withSession<{ windowId: string; taskId: string }>(async (_req, caller, { windowId, taskId }) =>
  deregisterTaskFromMaintenanceWindow(caller, { windowId, windowTaskId: taskId }),
);
