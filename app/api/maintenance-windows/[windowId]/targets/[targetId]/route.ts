import { withSession } from '@/server/http/route';
import { deregisterTargetFromMaintenanceWindow } from '@/server/maintenance-windows/service';

/** Safe, as the console should never leave a task naming a target that is gone. */
export const DELETE = withSession<{ windowId: string; targetId: string }>(async (_req, caller, { windowId, targetId }) =>
  deregisterTargetFromMaintenanceWindow(caller, { windowId, windowTargetId: targetId, safe: true }),
);
