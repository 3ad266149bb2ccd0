import { withSession } from '@/server/http/route';
import { summarizeFleet } from '@/server/fleet/service';

export const GET = withSession(async (_req, caller) => summarizeFleet(caller));
