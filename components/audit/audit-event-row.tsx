'use client';

import type { AuditEvent } from './queries';
import { Badge } from '@/components/settings/ui';
import { dateTime, timeAgo } from '@/components/lib/format';

/** `arn:opsdeck:iam::123456789012:user/jdoe` → `user/jdoe`: the part people recognise. */
export function shortResource(arn: string): string {
  const parts = arn.split(':');
  return parts.length >= 6 ? parts.slice(5).join(':') : arn;
}

/** `RegisterManagedInstance` may wrap between its words, never inside one; the text itself is unchanged. */
function camelCaseBreaks(name: string): React.ReactNode[] {
  return name.split(/(?<=[a-z])(?=[A-Z])/).flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]));
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-sm text-slate-800">{children || '—'}</dd>
    </div>
  );
}

export const AUDIT_COLUMN_COUNT = 7;

// Tighter than the other tables: seven columns share the width with the resource names.
const cell = 'px-3 py-2.5 align-top';

export function AuditEventRow({ event, isExpanded, onToggle }: { event: AuditEvent; isExpanded: boolean; onToggle: () => void }) {
  const isFailure = event.result === 'Failure';
  const parameters = JSON.stringify(event.requestParameters, null, 2);
  return (
    <>
      <tr className={`hover:bg-slate-50 ${isExpanded ? 'bg-slate-50' : ''}`} data-action={event.action}>
        <td className={`${cell} pr-0`}>
          <button type="button" onClick={onToggle} aria-expanded={isExpanded} aria-label={`Details of ${event.action} at ${dateTime(event.eventTime)}`}
            className="flex h-6 w-6 items-center justify-center rounded text-slate-500 hover:bg-slate-200">
            <span aria-hidden className={`transition-transform ${isExpanded ? 'rotate-90' : ''}`}>▸</span>
          </button>
        </td>
        <td className={cell} title={event.eventTime}>
          <span className="whitespace-nowrap">{dateTime(event.eventTime)}</span>
          <span className="block text-xs text-slate-500">{timeAgo(event.eventTime)}</span>
        </td>
        <td className={`${cell} break-words`}>
          <span className="font-medium">{event.username ?? <span className="text-slate-500">{event.eventSource}</span>}</span>
          {event.accessKeyId && <span className="block truncate font-mono text-xs text-slate-500" title={`Signed with access key ${event.accessKeyId}`}>{event.accessKeyId}</span>}
        </td>
        <td className={`${cell} break-all font-mono text-xs`}>{event.sourceIp ?? '—'}</td>
        <td className={`${cell} break-words`}>
          <span className="font-medium">{camelCaseBreaks(event.action)}</span>
          <span className="block text-xs text-slate-500">via {event.eventSource}</span>
        </td>
        <td className={cell}>
          {event.resources.length === 0 ? (
            <span className="text-slate-400">—</span>
          ) : (
            <ul className="space-y-0.5 font-mono text-xs">
              {event.resources.map((arn) => <li key={arn} title={arn} className="truncate">{shortResource(arn)}</li>)}
            </ul>
          )}
        </td>
        <td className={cell}>
          <Badge tone={isFailure ? 'red' : 'emerald'}>{event.result}</Badge>
          {event.errorCode && (
            <span className="mt-1 block truncate font-mono text-xs text-red-700" title={`${event.errorCode}: ${event.errorMessage ?? ''}`}>{event.errorCode}</span>
          )}
        </td>
      </tr>
      {isExpanded && (
        <tr className="bg-slate-50">
          <td colSpan={AUDIT_COLUMN_COUNT} className="px-4 pb-4 pt-1">
            <div className="grid grid-cols-1 gap-4 rounded border border-slate-200 bg-white p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <div>
                <div className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Request parameters</div>
                <pre aria-label="Request parameters" className="max-h-72 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{parameters}</pre>
                <p className="mt-1 text-xs text-slate-500">Secrets such as passwords and secret keys are redacted before events are stored.</p>
              </div>
              <dl className="space-y-3">
                {event.errorMessage && <Detail label="Error">{<span className="text-red-800">{event.errorCode}: {event.errorMessage}</span>}</Detail>}
                <Detail label="User agent">{event.userAgent}</Detail>
                <Detail label="Resources">
                  {event.resources.length > 0 && <span className="whitespace-pre-line font-mono text-xs">{event.resources.join('\n')}</span>}
                </Detail>
                <Detail label="Access key">{event.accessKeyId && <span className="font-mono text-xs">{event.accessKeyId}</span>}</Detail>
                <Detail label="Request ID"><span className="font-mono text-xs">{event.requestId}</span></Detail>
                <Detail label="Event ID · source">{`${event.id} · ${event.eventSource}`}</Detail>
              </dl>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
