'use client';

import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionState } from './session-connection';
import { formatClock } from './playback';
import { recordingHref, startSessionHref } from './queries';
import { buttonStyles } from '@/components/ui/notices';

const bannerStyles = {
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
  ended: 'border-slate-200 bg-slate-50 text-slate-800',
  error: 'border-red-200 bg-red-50 text-red-800',
};

function Banner({ tone, role = 'status', children }: { tone: keyof typeof bannerStyles; role?: 'status' | 'alert'; children: ReactNode }) {
  return (
    <div role={role} className={`flex flex-wrap items-center justify-between gap-3 rounded-md border px-4 py-2.5 text-sm shadow-lg shadow-slate-950/30 ${bannerStyles[tone]}`}>
      {children}
    </div>
  );
}

/** Counts down from the server's warning, so the banner says how long is left now. */
function IdleCountdown({ secondsLeft }: { secondsLeft: number }) {
  const [warnedAt] = useState(() => Date.now());
  const [now, setNow] = useState(warnedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <strong className="tabular-nums">{formatClock(secondsLeft - (now - warnedAt) / 1000)}</strong>;
}

/** "Ended: idle timeout" — the server's reason, or the status in words when it gave none. */
export function endedText(state: Pick<ConnectionState, 'status' | 'message'>): string {
  if (state.message) return `This session has ended: ${state.message.replace(/\.$/, '')}.`;
  return state.status === 'Failed' ? 'This session failed.' : 'This session has ended.';
}

/**
 * What the tab wants the user to know about its connection: reconnecting, an idle cut-off coming,
 * why the session ended, or why it could not start. Nothing while all is well.
 */
export function ConnectionBanner({ state, target }: { state: ConnectionState; target?: string }) {
  const nodeId = state.nodeId ?? target;
  return (
    <>
      {state.phase === 'reconnecting' && (
        <Banner tone="warning">Connection lost. Reconnecting… the shell keeps running on the node and no output is lost.</Banner>
      )}
      {state.status === 'Disconnected' && state.phase === 'live' && (
        <Banner tone="warning">The node&apos;s agent is not connected. The session waits for it for the grace period; typing resumes when it is back.</Banner>
      )}
      {state.idleSecondsLeft !== undefined && state.phase === 'live' && (
        <Banner tone="warning" role="alert">
          <span>
            No activity: this session ends for inactivity in <IdleCountdown key={state.idleSecondsLeft} secondsLeft={state.idleSecondsLeft} />. Press any key to keep it open.
          </span>
        </Banner>
      )}
      {state.phase === 'ended' && (
        <Banner tone="ended">
          <span data-testid="session-ended">{endedText(state)}</span>
          <span className="flex gap-2">
            {state.sessionId && <Link href={recordingHref(state.sessionId)} className={buttonStyles.secondary}>View recording</Link>}
            {nodeId && <a href={startSessionHref(nodeId)} className={buttonStyles.primary}>Start a new session</a>}
          </span>
        </Banner>
      )}
      {state.phase === 'failed' && <Banner tone="error" role="alert">{state.message ?? 'The session could not be opened.'}</Banner>}
      {state.missedChunks > 0 && state.phase === 'live' && (
        <Banner tone="info">Some output was lost while reconnecting: the server no longer held it. The recording has all of it.</Banner>
      )}
      {state.hasDroppedInput && state.phase !== 'ended' && <Banner tone="info">Some keystrokes typed while disconnected were too many to keep and were not sent.</Banner>}
    </>
  );
}
