import { Badge } from '@/components/settings/ui';

/** OPEN in green, CLOSED in red: the word is there for those who do not see the colour. */
export function StateBadge({ state }: { state: 'OPEN' | 'CLOSED' }) {
  return <Badge tone={state === 'OPEN' ? 'emerald' : 'red'}>{state}</Badge>;
}

export function DefaultStateBadge({ calendarType }: { calendarType?: 'DEFAULT_OPEN' | 'DEFAULT_CLOSED' }) {
  if (!calendarType) return <Badge tone="amber">No type</Badge>;
  return <Badge tone="slate">{calendarType === 'DEFAULT_OPEN' ? 'Open by default' : 'Closed by default'}</Badge>;
}
