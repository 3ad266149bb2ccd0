import { statusLabel } from '@/components/run-command/status-badge';

export { statusLabel };

/**
 * One colour per status for the badge, the timeline's icons and the graph's boxes, so a step
 * reads the same in all three: green done, sky running, violet waiting for someone, red failed.
 */
export const STATUS_TONES: Record<string, { badge: string; dot: string; fill: string; stroke: string; text: string }> = {
  Success: { badge: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20', dot: 'bg-emerald-500', fill: '#ecfdf5', stroke: '#10b981', text: '#047857' },
  InProgress: { badge: 'bg-sky-50 text-sky-800 ring-sky-600/20', dot: 'bg-sky-500 animate-pulse', fill: '#f0f9ff', stroke: '#0ea5e9', text: '#075985' },
  Waiting: { badge: 'bg-violet-50 text-violet-800 ring-violet-600/20', dot: 'bg-violet-500 animate-pulse', fill: '#f5f3ff', stroke: '#8b5cf6', text: '#5b21b6' },
  Pending: { badge: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400', fill: '#f8fafc', stroke: '#94a3b8', text: '#334155' },
  Cancelling: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500 animate-pulse', fill: '#fffbeb', stroke: '#f59e0b', text: '#92400e' },
  Cancelled: { badge: 'bg-slate-100 text-slate-600 ring-slate-500/20', dot: 'bg-slate-400', fill: '#f1f5f9', stroke: '#64748b', text: '#475569' },
  TimedOut: { badge: 'bg-orange-50 text-orange-800 ring-orange-600/20', dot: 'bg-orange-500', fill: '#fff7ed', stroke: '#f97316', text: '#9a3412' },
  Failed: { badge: 'bg-red-50 text-red-700 ring-red-600/20', dot: 'bg-red-500', fill: '#fef2f2', stroke: '#ef4444', text: '#b91c1c' },
};

export const toneOf = (status: string) => STATUS_TONES[status] ?? STATUS_TONES.Pending!;

/** An execution's or a step's status, as Run Command shows a command's, with Waiting added. */
export function AutomationStatusBadge({ status }: { status: string }) {
  const tone = toneOf(status);
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.badge}`}>
      <span className={`h-1.5 w-1.5 rounded-full ${tone.dot}`} aria-hidden />
      {statusLabel(status)}
    </span>
  );
}
