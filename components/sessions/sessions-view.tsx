'use client';

import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/notices';
import { usePermissions } from '@/components/shell/queries';
import { RecordingSearch } from './recording-search';
import { SessionList } from './session-list';
import { StartSessionButton } from './start-session-dialog';

/** Session Manager: start a shell, see and end sessions, and search what was done in them. */
export function SessionsView() {
  const { can, isPending } = usePermissions();
  return (
    <>
      <PageHeader
        title="Session Manager"
        description="Browser shells on managed nodes through their agents: no inbound ports, no SSH keys. Every session is recorded at the server and can be played back."
        actions={<StartSessionButton />}
      />
      {!isPending && !can('viewSessions') ? (
        <EmptyState title="You may not see sessions">Your policies do not allow listing sessions (ssm:DescribeSessions). You can still resume your own sessions from their links.</EmptyState>
      ) : (
        <div className="space-y-6">
          <SessionList />
          <RecordingSearch />
        </div>
      )}
    </>
  );
}
