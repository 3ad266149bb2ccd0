import { withSession } from '@/server/http/route';
import { terminateSession } from '@/server/sessions/service';

/** POST → { ok: true }: ssm:TerminateSession on the session (administrators any, users their own). */
export const POST = withSession<{ sessionId: string }>(async (_req, caller, { sessionId }) => {
  await terminateSession(caller, sessionId);
  return { ok: true };
});
