const TONES: Record<string, string> = {
  Success: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  InProgress: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  Pending: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  Delayed: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Cancelling: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Cancelled: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  TimedOut: 'bg-orange-50 text-orange-800 ring-orange-600/20',
  Failed: 'bg-red-50 text-red-700 ring-red-600/20',
};
const DOTS: Record<string, string> = {
  Success: 'bg-emerald-500',
  InProgress: 'bg-sky-500 animate-pulse',
  Pending: 'bg-slate-400',
  Delayed: 'bg-amber-500',
  Cancelling: 'bg-amber-500 animate-pulse',
  Cancelled: 'bg-slate-400',
  TimedOut: 'bg-orange-500',
  Failed: 'bg-red-500',
};

/** "In progress", "Timed out": AWS's status words, spaced for reading. */
export const statusLabel = (status: string) => status.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ (\w)/g, (_, letter: string) => ` ${letter.toLowerCase()}`);

/** A command's or an invocation's status; `details` (Undeliverable, Terminated…) shown when it says more. */
export function CommandStatusBadge({ status, details }: { status: string; details?: string }) {
  const isMore = details && details !== status;
  return (
    <span
      data-status={status}
      title={isMore ? `${statusLabel(status)}: ${statusLabel(details)}` : undefined}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.Pending}`}
    >
      <span className={`h-1.5 w-1.5 rounded-full ${DOTS[status] ?? 'bg-slate-400'}`} aria-hidden />
      {statusLabel(status)}
      {isMore && <span className="font-normal opacity-80">{`· ${statusLabel(details)}`}</span>}
    </span>
  );
}
