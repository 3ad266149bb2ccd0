import type { CalendarDetail } from './queries';
import { describeTransition } from './format';

/** The calendar's state now, in words: what it means for scheduled work and when it changes. */
export function StateBanner({ calendar }: { calendar: CalendarDetail }) {
  const current = calendar.current;
  if (!current) {
    return (
      <div role="status" aria-label="Current state" className="rounded-lg border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-900">
        <p className="font-medium">The state of this calendar cannot be told</p>
        <p className="mt-1">{calendar.problem}</p>
      </div>
    );
  }
  const isOpen = current.state === 'OPEN';
  const next = current.nextTransitionTime ? `${isOpen ? 'Closes' : 'Opens'} ${describeTransition(current.nextTransitionTime)}` : `No ${isOpen ? 'closing' : 'opening'} in the next 5 years`;
  const why = isOpen
    ? current.activeEvents.length > 0
      ? `During ${current.activeEvents.map((summary) => `"${summary}"`).join(', ')}.`
      : current.nextEvent
        ? `Next event: "${current.nextEvent}".`
        : null
    : current.activeEvents.length > 0
      ? `During ${current.activeEvents.map((summary) => `"${summary}"`).join(', ')}.`
      : current.nextEvent
        ? `Closed by default; "${current.nextEvent}" opens it.`
        : 'Closed by default.';
  return (
    <div role="status" aria-label="Current state" className={`flex items-start gap-4 rounded-lg border px-5 py-4 ${isOpen ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-red-300 bg-red-50 text-red-900'}`}>
      <span className={`mt-0.5 rounded px-2.5 py-1 text-sm font-bold tracking-wide text-white ${isOpen ? 'bg-emerald-600' : 'bg-red-600'}`}>{current.state}</span>
      <div className="text-sm">
        <p className="font-medium">{isOpen ? 'Changes may run now.' : 'Changes are blocked now: scheduled work that names this calendar is skipped.'}</p>
        <p className="mt-0.5">{[why, `${next}.`].filter(Boolean).join(' ')}</p>
      </div>
    </div>
  );
}
