'use client';

import { useQuery } from '@tanstack/react-query';
import { policyEventsQuery } from './queries';
import { PolicyStatusBadge } from './badges';
import { Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';

const ACTION_TEXT: Record<string, string> = {
  Expired: 'The parameter expired and was deleted',
  ExpirationNotification: 'The parameter expires soon',
  NoChangeNotification: 'The parameter has not changed for the set time',
};

/** The events this parameter's policies raised, newest first (the latest 50). */
export function EventsTab({ name, hasPolicies }: { name: string; hasPolicies: boolean }) {
  const { data, error, isPending } = useQuery(policyEventsQuery(name));
  const events = data?.events ?? [];
  return (
    <Section title="Policy events" description="What the expiration and notification policies raised, as Parameter Store Policy Action events.">
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading events…</p>}
      {data && events.length === 0 && (
        <div className="p-5">
          <EmptyState title="No policy events yet">
            {hasPolicies ? 'Events appear here when a policy comes due.' : 'This parameter has no policies. Advanced parameters can expire and notify; edit it to add some.'}
          </EmptyState>
        </div>
      )}
      {events.length > 0 && (
        <DataTable label="Policy events" columns={['Time', 'Policy', 'What happened', 'Status']}>
          {events.map((event) => (
            <tr key={event.id}>
              <td className={`${tableStyles.td} whitespace-nowrap`} title={event.time}>{dateTime(event.time)}<span className="block text-xs text-slate-500">{timeAgo(event.time)}</span></td>
              <td className={tableStyles.td}>{String(event.detail['policy-type'] ?? '—')}</td>
              <td className={tableStyles.td}>{ACTION_TEXT[String(event.detail.action)] ?? String(event.detail.action ?? event.detailType)}</td>
              <td className={tableStyles.td}><PolicyStatusBadge status={String(event.detail['action-status'] ?? '—')} /></td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
