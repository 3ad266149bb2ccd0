import { withSession } from '@/server/http/route';
import { getSessionView } from '@/server/sessions/service';

/** GET → SessionView (the owner, or anyone allowed ssm:DescribeSessions). */
export const GET = withSession<{ sessionId: string }>(async (_req, caller, { sessionId }) => getSessionView(caller, sessionId));
