'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { GROUPING_LIMIT, allInvocationsQuery } from './queries';
import { CommandStatusBadge } from './status-badge';
import { GROUP_OUTPUT_CHARS, groupByOutput, groupTitle } from './command-text';
import { linkClass } from '@/components/settings/ui';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';

const NODES_LISTED = 100;

/** Nodes with the same status and output (first 2,500 characters) as one group: "812 nodes: ok". */
export function ResultGroups({ commandId }: { commandId: string }) {
  const { data, error, isPending } = useQuery(allInvocationsQuery(commandId));
  if (error) return <div className="p-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <p className="px-5 py-4 text-sm text-slate-500">Grouping results…</p>;
  if (data.invocations.length === 0) return <div className="p-5"><EmptyState title="No targets">The targets selected no node when the command was sent.</EmptyState></div>;
  const groups = groupByOutput(data.invocations);
  return (
    <div>
      <p className="border-b border-slate-200 bg-slate-50/60 px-5 py-2 text-sm text-slate-600">
        {`${groups.length} distinct result${groups.length === 1 ? '' : 's'} across ${data.invocations.length.toLocaleString('en')} node${data.invocations.length === 1 ? '' : 's'}, grouped on status and the first ${GROUP_OUTPUT_CHARS.toLocaleString('en')} characters of output.`}
        {data.isPartial && ` Only the first ${GROUPING_LIMIT.toLocaleString('en')} nodes are grouped; export the CSV for all of them.`}
      </p>
      <ul aria-label="Result groups" className="divide-y divide-slate-100">
        {groups.map((group, index) => (
          <li key={index}>
            <details open={index === 0 && groups.length <= 3} className="group px-5 py-3">
              <summary className="flex cursor-pointer list-none items-center gap-3">
                <span className="text-slate-400 transition group-open:rotate-90" aria-hidden>▸</span>
                <CommandStatusBadge status={group.status} />
                <span className="font-mono text-sm font-medium" data-testid="group-title">{groupTitle(group)}</span>
              </summary>
              <div className="mt-3 space-y-2 pl-6">
                <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-950 px-3 py-2 font-mono text-xs text-slate-100">{group.output || '(no output)'}</pre>
                <ul className="flex flex-wrap gap-1.5 text-xs" aria-label="Nodes in this group">
                  {group.invocations.slice(0, NODES_LISTED).map((invocation) => (
                    <li key={invocation.InstanceId} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono">
                      <Link href={`/fleet/${invocation.InstanceId}`} className={linkClass}>{invocation.InstanceId}</Link>
                    </li>
                  ))}
                  {group.invocations.length > NODES_LISTED && <li className="px-1.5 py-0.5 text-slate-500">{`and ${(group.invocations.length - NODES_LISTED).toLocaleString('en')} more`}</li>}
                </ul>
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
