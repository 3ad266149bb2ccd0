/**
 * Done out of total: successes green, errors red, the rest of what finished (cancelled, delivery
 * timed out) grey. Without `success` (the history list has no per-status counts) everything
 * finished without an error is one neutral colour.
 */
export function ProgressBar({ done, errors, success, total, isCompact = false }: { done: number; errors: number; success?: number; total: number; isCompact?: boolean }) {
  const percent = (count: number) => (total === 0 ? 0 : Math.min(100, (Math.max(0, count) / total) * 100));
  const segments = success === undefined
    ? [{ count: done - errors, color: 'bg-sky-500' }, { count: errors, color: 'bg-red-500' }]
    : [{ count: success, color: 'bg-emerald-500' }, { count: errors, color: 'bg-red-500' }, { count: done - success - errors, color: 'bg-slate-400' }];
  return (
    <div
      role="progressbar"
      aria-label="Nodes done"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      className={`flex w-full overflow-hidden rounded-full bg-slate-100 ${isCompact ? 'mt-1 h-1.5' : 'h-2.5'}`}
    >
      {segments.map((segment) => <div key={segment.color} className={`${segment.color} transition-[width]`} style={{ width: `${percent(segment.count)}%` }} />)}
    </div>
  );
}
