import type { SessionStatus } from './queries';

const TONES: Record<SessionStatus, string> = {
  Connected: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  Connecting: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  Disconnected: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Terminating: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Terminated: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  Failed: 'bg-red-50 text-red-700 ring-red-600/20',
};
const DOTS: Record<SessionStatus, string> = {
  Connected: 'bg-emerald-500',
  Connecting: 'bg-sky-500 animate-pulse',
  Disconnected: 'bg-amber-500',
  Terminating: 'bg-amber-500 animate-pulse',
  Terminated: 'bg-slate-400',
  Failed: 'bg-red-500',
};

/** AWS's session status words; "Disconnected" is a session waiting within its grace period to be resumed. */
export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.Connecting}`}>
      <span className={`h-1.5 w-1.5 rounded-full ${DOTS[status] ?? 'bg-slate-400'}`} aria-hidden />
      {status}
    </span>
  );
}
