import { SessionWorkspace } from '@/components/sessions/session-workspace';

export const metadata = { title: 'Session' };

/** A session's terminal: attaches (or re-attaches, within the grace period) to the running shell. */
export default async function SessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <SessionWorkspace initial={{ sessionId: decodeURIComponent(sessionId) }} />;
}
