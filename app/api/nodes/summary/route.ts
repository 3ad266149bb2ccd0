import { withSession } from '@/server/http/route';
import { summarizeFleet } from '@/server/fleet/dashboard';

export const GET = withSession(async (_req, caller) => summarizeFleet(caller));
