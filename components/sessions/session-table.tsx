'use client';

import Link from 'next/link';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime, timeAgo } from '@/components/lib/format';
import { formatClock } from './playback';
import { recordingHref, sessionHref, useTerminateSession, type SessionState, type SessionView } from './queries';
import { SessionStatusBadge } from './session-status-badge';

const duration = (session: SessionView) =>
  session.endDate ? formatClock((new Date(session.endDate).getTime() - new Date(session.startDate).getTime()) / 1000) : undefined;

function NodeCell({ session }: { session: SessionView }) {
  return (
    <td className={tableStyles.td}>
      <Link href={`/fleet/${encodeURIComponent(session.target)}`} className={`${linkClass} font-medium`}>{session.nodeName || session.target}</Link>
      <span className="block whitespace-nowrap font-mono text-xs text-slate-500">{session.target}</span>
    </td>
  );
}

function StartedCell({ session }: { session: SessionView }) {
  return (
    <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>
      <span title={dateTime(session.startDate)}>{timeAgo(session.startDate)}</span>
      {session.sourceIp && <span className="block font-mono text-xs text-slate-500">{`from ${session.sourceIp}`}</span>}
    </td>
  );
}

/** Active sessions or history, with each row's actions; Terminate asks first. */
export function SessionTable({ state, sessions }: { state: SessionState; sessions: SessionView[] }) {
  const termination = useConfirmMutation(useTerminateSession(), (session: SessionView) => session.sessionId);
  const isActive = state === 'Active';
  const columns = isActive
    ? ['Session', 'Node', 'Owner', 'Status', 'Started', 'Run as']
    : ['Session', 'Node', 'Owner', 'Status', 'Started', 'Duration', 'How it ended'];

  return (
    <>
      <DataTable label={isActive ? 'Active sessions' : 'Session history'} columns={columns} hasActions>
        {sessions.map((session) => (
          <tr key={session.sessionId} className="hover:bg-slate-50" data-session-id={session.sessionId}>
            <td className={tableStyles.td}>
              <span className="whitespace-nowrap font-mono text-xs">{session.sessionId}</span>
              {session.documentName !== 'SSM-SessionManagerRunShell' && <span className="block text-xs text-slate-500">{session.documentName}</span>}
            </td>
            <NodeCell session={session} />
            <td className={tableStyles.td}>{session.owner}</td>
            <td className={tableStyles.td}><SessionStatusBadge status={session.status} /></td>
            <StartedCell session={session} />
            {isActive ? (
              <td className={`${tableStyles.td} font-mono text-xs`}>{session.runAs}</td>
            ) : (
              <>
                <td className={`${tableStyles.td} tabular-nums text-slate-600`}>{duration(session) ?? '—'}</td>
                <td className={`${tableStyles.td} max-w-64 text-slate-600`}>{session.reason ?? '—'}</td>
              </>
            )}
            <td className={`${tableStyles.td} whitespace-nowrap text-right`}>
              <span className="inline-flex gap-2">
                {isActive && session.canResume && <Link href={sessionHref(session.sessionId)} className={buttonStyles.secondary} aria-label={`Resume ${session.sessionId}`}>Resume</Link>}
                {isActive && session.canTerminate && (
                  <button type="button" className={buttonStyles.danger} aria-label={`Terminate ${session.sessionId}`} onClick={() => termination.ask(session)}>Terminate</button>
                )}
                {/* Port forwarding and SSH carry another program's bytes: nothing for a terminal to replay. */}
                {!isActive && (session.kind === 'shell' || session.kind === 'command') && <Link href={recordingHref(session.sessionId)} className={buttonStyles.secondary} aria-label={`Play recording of ${session.sessionId}`}>Recording</Link>}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
      {termination.target && (
        <ConfirmDialog title="Terminate session?" confirmLabel="Terminate" {...termination.dialogProps}>
          <p>
            The shell of <strong>{termination.target.owner}</strong> on <strong>{termination.target.nodeName || termination.target.target}</strong> and everything running in it end now.
          </p>
          <p>The recording is kept, and the end is recorded in the audit trail.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
