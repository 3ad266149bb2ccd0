/** AWS's window statuses (IN_PROGRESS, TIMED_OUT…) in words, with the console's status colours. */
const TONES: Record<string, { badge: string; dot: string }> = {
  SUCCESS: { badge: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20', dot: 'bg-emerald-500' },
  IN_PROGRESS: { badge: 'bg-sky-50 text-sky-800 ring-sky-600/20', dot: 'bg-sky-500 animate-pulse' },
  PENDING: { badge: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
  CANCELLING: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500 animate-pulse' },
  CANCELLED: { badge: 'bg-slate-100 text-slate-600 ring-slate-500/20', dot: 'bg-slate-400' },
  SKIPPED: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  SKIPPED_OVERLAPPING: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  TIMED_OUT: { badge: 'bg-orange-50 text-orange-800 ring-orange-600/20', dot: 'bg-orange-500' },
  FAILED: { badge: 'bg-red-50 text-red-700 ring-red-600/20', dot: 'bg-red-500' },
};

export const windowStatusLabel = (status: string) => {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function WindowStatusBadge({ status }: { status: string }) {
  const tone = TONES[status] ?? TONES.PENDING!;
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.badge}`}>
      <span className={`h-1.5 w-1.5 rounded-full ${tone.dot}`} aria-hidden />
      {windowStatusLabel(status)}
    </span>
  );
}
