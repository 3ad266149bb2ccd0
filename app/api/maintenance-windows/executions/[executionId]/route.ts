import { withSession } from '@/server/http/route';
import { getExecutionDetail } from '@/server/maintenance-windows/console';

export const GET = withSession<{ executionId: string }>(async (_req, caller, { executionId }) => getExecutionDetail(caller, executionId));
