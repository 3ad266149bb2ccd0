import { dateTime, timeAgo } from '@/components/lib/format';

const HOUR_MS = 3_600_000;

/** Fresh within an hour, ageing within a day, stale after. */
function freshnessOf(capturedAt: string, now = Date.now()): 'fresh' | 'ageing' | 'stale' {
  const ageMs = now - new Date(capturedAt).getTime();
  return ageMs < HOUR_MS ? 'fresh' : ageMs < 24 * HOUR_MS ? 'ageing' : 'stale';
}

const TONES = { fresh: 'text-emerald-700', ageing: 'text-amber-700', stale: 'text-red-700' };

/** How old a node's inventory is, coloured by freshness. */
export function DataAge({ capturedAt }: { capturedAt: string | null }) {
  if (!capturedAt) return <span className="text-slate-400" data-age="none">never collected</span>;
  const freshness = freshnessOf(capturedAt);
  return (
    <span className={TONES[freshness]} title={`collected ${dateTime(capturedAt)}`} data-age={freshness}>
      {timeAgo(capturedAt)}
    </span>
  );
}
