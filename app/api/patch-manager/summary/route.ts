import { withSession } from '@/server/http/route';
import { patchSummary } from '@/server/patch-manager/dashboard';

/** The dashboard's tiles: compliant, non-compliant and never-scanned nodes, patches by severity and classification. */
export const GET = withSession(async (_req, caller) => patchSummary(caller));
