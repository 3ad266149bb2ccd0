import { SessionWorkspace } from '@/components/sessions/session-workspace';
import { EmptyState } from '@/components/ui/notices';

export const metadata = { title: 'Start session' };

/** /sessions/start?target=mi-…: a terminal on a new session; the address becomes the session's once it has an id. */
export default async function StartSessionPage({ searchParams }: { searchParams: Promise<{ target?: string | string[] }> }) {
  const { target } = await searchParams;
  if (typeof target !== 'string' || !target.trim()) {
    return <EmptyState title="No node chosen">Open Session Manager or a node in Fleet Manager and choose Start session.</EmptyState>;
  }
  return <SessionWorkspace initial={{ target: target.trim() }} />;
}
