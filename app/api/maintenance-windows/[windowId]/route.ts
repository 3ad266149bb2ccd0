import { readJson, withSession } from '@/server/http/route';
import { getWindowDetail } from '@/server/maintenance-windows/console';
import { deleteMaintenanceWindow, updateMaintenanceWindow, type UpdateWindowInput } from '@/server/maintenance-windows/service';

type Params = { windowId: string };

export const GET = withSession<Params>(async (_req, caller, { windowId }) => getWindowDetail(caller, windowId));
/** The form sends the whole window: members it leaves out are cleared (AWS's Replace). */
export const PUT = withSession<Params>(async (req, caller, { windowId }) =>
  updateMaintenanceWindow(caller, { ...((await readJson(req)) as Omit<UpdateWindowInput, 'windowId'>), windowId, replace: true }),
);
export const DELETE = withSession<Params>(async (_req, caller, { windowId }) => deleteMaintenanceWindow(caller, windowId));
