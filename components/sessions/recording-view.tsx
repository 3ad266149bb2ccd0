'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { dateTime } from '@/components/lib/format';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { parseCast } from './asciicast';
import { formatClock } from './playback';
import { recordingDownloadHref, recordingQuery, sessionQuery, type SessionView } from './queries';
import { SessionStatusBadge } from './session-status-badge';

const RecordingPlayer = dynamic(() => import('./recording-player'), {
  ssr: false,
  loading: () => <div className="h-96 animate-pulse rounded-lg bg-slate-800" aria-label="Loading player" />,
});

function SessionFacts({ session }: { session: SessionView }) {
  const facts: [string, string][] = [
    ['Node', `${session.nodeName || session.target} (${session.target})`],
    ['Owner', session.owner],
    ['Run as', session.runAs],
    ['Started', dateTime(session.startDate)],
    ['Ended', session.endDate ? dateTime(session.endDate) : '—'],
  ];
  if (session.sourceIp) facts.push(['From', session.sourceIp]);
  return (
    <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="mt-0.5 text-slate-900">{value}</dd>
        </div>
      ))}
      {session.reason && (
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">How it ended</dt>
          <dd className="mt-0.5 text-slate-900">{session.reason}</dd>
        </div>
      )}
    </dl>
  );
}

/** A session's recording: what it was, and the player. `?t=` opens it at a moment, `?q=` with a search. */
export function RecordingView({ sessionId, startAt, initialQuery }: { sessionId: string; startAt: number; initialQuery?: string }) {
  const session = useQuery(sessionQuery(sessionId));
  const recording = useQuery(recordingQuery(sessionId));
  const parsed = useMemo(() => {
    if (recording.data === undefined) return undefined;
    try {
      return { cast: parseCast(recording.data) };
    } catch (error) {
      return { error };
    }
  }, [recording.data]);

  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <div className="space-y-1">
          <Link href="/sessions?state=History" className="text-sm text-sky-700 hover:underline">← Session history</Link>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            Recording {session.data && <SessionStatusBadge status={session.data.status} />}
          </h1>
          <p className="font-mono text-sm text-slate-500">{sessionId}</p>
        </div>
        <div className="flex items-center gap-2">
          {parsed?.cast && <span className="text-sm text-slate-500">{`${formatClock(parsed.cast.duration)} long`}</span>}
          <a href={recordingDownloadHref(sessionId)} className={buttonStyles.secondary} download>Download .cast</a>
        </div>
      </div>
      {session.error && <ErrorNotice error={session.error} />}
      {session.data && <SessionFacts session={session.data} />}
      {recording.error && <ErrorNotice error={recording.error} />}
      {recording.isPending && <p className="text-sm text-slate-500">Loading the recording…</p>}
      {parsed?.error !== undefined && <ErrorNotice error={new Error(`This recording cannot be played: ${(parsed.error as Error).message}.`)} />}
      {parsed?.cast && (parsed.cast.events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">This session showed nothing: the recording has no output.</p>
      ) : (
        <RecordingPlayer cast={parsed.cast} startAt={startAt} initialQuery={initialQuery} />
      ))}
    </div>
  );
}
