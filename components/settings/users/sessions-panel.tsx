'use client';

import { useQuery } from '@tanstack/react-query';
import { sessionsQuery, useRevokeSessions, type ConsoleSession } from './queries';
import { ConfirmDialog } from '../confirm-dialog';
import { Muted, Section } from '../ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime, timeAgo } from '@/components/lib/format';

/** `all` revokes every session; otherwise the one session. */
type Revocation = { all: true } | { all: false; session: ConsoleSession };

export function SessionsPanel({ username, isSelf }: { username: string; isSelf: boolean }) {
  const { data: sessions, error, isPending } = useQuery(sessionsQuery(username));
  const revocation = useConfirmMutation(useRevokeSessions(username), (pending: Revocation) => (pending.all ? undefined : pending.session.sessionId));
  const pending = revocation.target;

  return (
    <Section
      title="Console sessions"
      description="Signed-in browsers. Revoking one signs it out at its next request."
      actions={
        sessions && sessions.length > 0 && (
          <button type="button" className={buttonStyles.danger} onClick={() => revocation.ask({ all: true })}>Revoke all</button>
        )
      }
    >
      {error && <div className="px-5 pt-3"><ErrorNotice error={error} /></div>}
      {isPending && <Muted>Loading sessions…</Muted>}
      {sessions && sessions.length === 0 && <Muted>No open sessions.</Muted>}
      {sessions && sessions.length > 0 && (
        <DataTable label="Console sessions" columns={['Signed in', 'Expires', 'Source IP', 'Browser']} hasActions>
          {sessions.map((session) => (
            <tr key={session.sessionId}>
              <td className={tableStyles.td} title={dateTime(session.createdAt)}>{timeAgo(session.createdAt)}</td>
              <td className={`${tableStyles.td} text-slate-600`}>{dateTime(session.expiresAt)}</td>
              <td className={`${tableStyles.td} font-mono text-xs`}>{session.sourceIp ?? '—'}</td>
              <td className={`${tableStyles.td} max-w-md truncate text-xs text-slate-600`} title={session.userAgent ?? undefined}>{session.userAgent ?? '—'}</td>
              <td className={`${tableStyles.td} text-right`}>
                <button type="button" className={buttonStyles.danger} onClick={() => revocation.ask({ all: false, session })}>Revoke</button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.all ? `Sign ${username} out everywhere?` : 'Revoke this session?'}
          confirmLabel={pending.all ? 'Revoke all sessions' : 'Revoke session'}
          {...revocation.dialogProps}
        >
          <p>
            {pending.all ? `Every browser signed in as ${username} is signed out.` : `The browser signed in from ${pending.session.sourceIp ?? 'an unknown address'} is signed out.`}
          </p>
          {isSelf && <p className="font-medium text-amber-800">This is you: your own session may be among them, and you would need to sign in again.</p>}
        </ConfirmDialog>
      )}
    </Section>
  );
}
