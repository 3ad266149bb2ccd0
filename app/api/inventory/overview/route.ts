import { withSession } from '@/server/http/route';
import { inventoryDashboard } from '@/server/inventory/console';

/** Coverage, data age, OS spread and top packages of the fleet's inventory. */
export const GET = withSession(async (_req, caller) => inventoryDashboard(caller));
