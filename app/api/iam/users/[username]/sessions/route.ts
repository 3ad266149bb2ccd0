import { withSession } from '@/server/http/route';
import { listUserSessions, revokeUserSessions } from '@/server/identity/users';

export const GET = withSession<{ username: string }>(async (_req, caller, { username }) => ({ sessions: await listUserSessions(caller, username) }));

/** Revokes one session (?sessionId=...) or all of the user's sessions. */
export const DELETE = withSession<{ username: string }>(async (req, caller, { username }) =>
  revokeUserSessions(caller, username, req.nextUrl.searchParams.get('sessionId') ?? undefined),
);
