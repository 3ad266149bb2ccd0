'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { COMMANDS_PAGE_SIZE, commandHref, commandKeys, commandListQuery, isCommandDone, type CommandListFilters } from './queries';
import { CommandStatusBadge } from './status-badge';
import { PageButtons } from './page-buttons';
import { ProgressBar } from './progress-bar';
import { targetsSummary } from './command-text';
import { useCommandSocket } from './use-command-socket';
import { useThrottledInvalidate } from '../lib/use-throttled-invalidate';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { usePermissions } from '@/components/shell/queries';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';
import { sizedInputClass } from './ui';

const STATUSES = ['Pending', 'InProgress', 'Success', 'Failed', 'TimedOut', 'Cancelling', 'Cancelled'];

function filtersOf(params: URLSearchParams): CommandListFilters {
  return { status: params.get('status') ?? '', document: params.get('document') ?? '', page: Math.max(1, Number(params.get('page')) || 1) };
}

/** Command history, newest first, with filters in the URL; commands still running update live. */
export function CommandHistory() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [documentText, setDocumentText] = useState(filters.document);
  const settledDocument = useDebouncedValue(documentText, 400);
  const { can } = usePermissions();
  const { data, error, isPending, isFetching } = useQuery(commandListQuery(filters));
  const invalidate = useThrottledInvalidate();
  // Only commands in view and not finished can change.
  const running = data?.commands.filter((command) => !isCommandDone(command)).map((command) => command.CommandId) ?? [];
  useCommandSocket(running, { onChanged: () => invalidate(commandKeys.lists()), onReconnect: () => invalidate(commandKeys.lists()) });

  const navigate = (next: Partial<CommandListFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    const params = new URLSearchParams();
    if (merged.status) params.set('status', merged.status);
    if (merged.document.trim()) params.set('document', merged.document.trim());
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  useEffect(() => {
    if (settledDocument.trim() !== filters.document.trim()) navigate({ document: settledDocument });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled name moves the URL
  }, [settledDocument]);

  const isFiltered = filters.status !== '' || filters.document !== '';

  return (
    <Section
      title="Command history"
      description="Every command sent from the console or the API, newest first. Commands still running update as their nodes report."
      actions={can('sendCommands') && <Link href="/run-command/new" className={buttonStyles.primary}>Run a command</Link>}
    >
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <select aria-label="Status" className={`${sizedInputClass} w-44`} value={filters.status} onChange={(event) => navigate({ status: event.target.value })}>
          <option value="">All statuses</option>
          {STATUSES.map((status) => <option key={status} value={status}>{status.replace(/([a-z])([A-Z])/g, '$1 $2')}</option>)}
        </select>
        <input
          type="search"
          aria-label="Document name"
          placeholder="Document name"
          className={`${sizedInputClass} w-80`}
          value={documentText}
          onChange={(event) => setDocumentText(event.target.value)}
        />
        {isFetching && data && <span className="ml-auto text-sm text-slate-400">updating…</span>}
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading commands…</p>}
      {data && data.commands.length === 0 && (
        <div className="p-5">
          {isFiltered ? (
            <EmptyState title="No command matches these filters">
              <button type="button" className={linkClass} onClick={() => { setDocumentText(''); navigate({ status: '', document: '' }); }}>Clear filters</button>
            </EmptyState>
          ) : (
            <EmptyState title="No commands yet">
              Run a shell script on one node or a thousand: pick a document, its parameters and the targets, and watch the output arrive.
            </EmptyState>
          )}
        </div>
      )}
      {data && data.commands.length > 0 && (
        <>
          <DataTable label="Commands" columns={['Command', 'Status', 'Document', 'Targets', 'Progress', 'Errors', 'Requested']}>
            {data.commands.map((command) => (
              <tr key={command.CommandId} className="hover:bg-slate-50">
                <td className={tableStyles.td}>
                  <Link href={commandHref(command.CommandId)} className={`${linkClass} font-mono text-xs`}>{command.CommandId.slice(0, 8)}</Link>
                  {command.Comment && <span className="block max-w-48 truncate text-xs text-slate-500" title={command.Comment}>{command.Comment}</span>}
                </td>
                <td className={tableStyles.td}><CommandStatusBadge status={command.Status} details={command.StatusDetails} /></td>
                <td className={tableStyles.td}>
                  <span className="whitespace-nowrap font-medium">{command.DocumentName}</span>
                  <span className="block text-xs text-slate-500">{`version ${command.DocumentVersion}`}</span>
                </td>
                <td className={`${tableStyles.td} max-w-64 text-slate-600`}><span className="line-clamp-2 font-mono text-xs">{targetsSummary(command)}</span></td>
                <td className={`${tableStyles.td} w-40`}>
                  <span className="tabular-nums" data-testid={`progress-${command.CommandId}`}>{`${command.CompletedCount.toLocaleString('en')}/${command.TargetCount.toLocaleString('en')}`}</span>
                  <ProgressBar done={command.CompletedCount} errors={command.ErrorCount} success={command.Status === 'Success' ? command.CompletedCount : undefined} total={command.TargetCount} isCompact />
                </td>
                <td className={`${tableStyles.td} tabular-nums ${command.ErrorCount > 0 ? 'font-medium text-red-700' : 'text-slate-500'}`}>{command.ErrorCount.toLocaleString('en')}</td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>
                  <span title={dateTime(command.RequestedDateTime)}>{timeAgo(command.RequestedDateTime)}</span>
                  <span className="block text-xs text-slate-500">{`by ${command.RequestedBy}`}</span>
                </td>
              </tr>
            ))}
          </DataTable>
          <PageButtons
            summary={`Commands ${((filters.page - 1) * COMMANDS_PAGE_SIZE + 1).toLocaleString('en')}–${((filters.page - 1) * COMMANDS_PAGE_SIZE + data.commands.length).toLocaleString('en')}`}
            page={filters.page}
            hasPrevious={filters.page > 1}
            hasNext={data.hasMore}
            onPage={(page) => navigate({ page })}
          />
        </>
      )}
    </Section>
  );
}
