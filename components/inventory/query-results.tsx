'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { PageButtons } from '@/components/run-command/page-buttons';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { DataAge } from './data-age';
import { exportHref, fleetQuery, nodeInventoryHref, QUERY_PAGE_SIZE, type FleetNode, type InventoryFilter } from './queries';

const SHOWN_ENTRIES = 3;

/** One matched entry in a few words: a package as "openssl 3.0.11-1 (amd64)", anything else by its first values. */
function entryText(typeName: string, entry: Record<string, string>): string {
  if (typeName === 'AWS:Application') return `${entry.Name ?? ''} ${entry.Version ?? ''}${entry.Architecture ? ` (${entry.Architecture})` : ''}`;
  if (typeName === 'AWS:Service') return `${entry.Name ?? ''} ${entry.Status ?? ''}`;
  return Object.values(entry).slice(0, 3).join(' · ');
}

function NodeRow({ node }: { node: FleetNode }) {
  const entries = node.matches.flatMap((match) => match.entries.map((entry) => entryText(match.typeName, entry)));
  return (
    <tr className="hover:bg-slate-50" data-node={node.nodeId}>
      <td className={tableStyles.td}>
        <Link href={nodeInventoryHref(node.nodeId)} className={`${linkClass} font-medium`}>{node.name}</Link>
        <span className="block font-mono text-xs text-slate-500">{node.nodeId}</span>
      </td>
      <td className={`${tableStyles.td} text-slate-600`}>{[node.platformName, node.platformVersion].filter(Boolean).join(' ') || '—'}</td>
      <td className={`${tableStyles.td} whitespace-nowrap`}><DataAge capturedAt={node.capturedAt} /></td>
      <td className={tableStyles.td}>
        {entries.length === 0 ? (
          <span className="text-slate-400">—</span>
        ) : (
          <ul className="space-y-0.5 font-mono text-xs">
            {entries.slice(0, SHOWN_ENTRIES).map((text, index) => <li key={index}>{text}</li>)}
            {entries.length > SHOWN_ENTRIES && <li className="text-slate-500">{`and ${entries.length - SHOWN_ENTRIES} more`}</li>}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** The nodes a query selects, a page at a time, with their matching entries and data age. */
export function QueryResults({ filters, page, onPage }: { filters: InventoryFilter[]; page: number; onPage: (page: number) => void }) {
  const { data, error, isPending, isFetching } = useQuery(fleetQuery(filters, page));
  const first = (page - 1) * QUERY_PAGE_SIZE + 1;
  const title = filters.length > 0 ? 'Matching nodes' : 'Nodes with inventory';
  return (
    <Section
      title={title}
      description={data ? `${data.total.toLocaleString('en')} node${data.total === 1 ? '' : 's'}${isFetching ? ' · updating…' : ''}` : undefined}
      actions={<a href={exportHref(filters)} download className={buttonStyles.secondary}>Export CSV</a>}
    >
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Searching the fleet’s inventory…</p>}
      {data && data.nodes.length === 0 && (
        <div className="p-5">
          {filters.length > 0 ? (
            <EmptyState title="No node matches these conditions">Loosen a condition, or check the value’s spelling (names and states are matched exactly).</EmptyState>
          ) : (
            <EmptyState title="No inventory collected yet">The Opsdeck-GatherSoftwareInventory association collects every node’s inventory every 30 minutes; a node’s page has “Refresh now”.</EmptyState>
          )}
        </div>
      )}
      {data && data.nodes.length > 0 && (
        <>
          <DataTable label={title} columns={['Node', 'Operating system', 'Data age', filters.length > 0 ? 'Matching entries' : 'Entries']}>
            {data.nodes.map((node) => <NodeRow key={node.nodeId} node={node} />)}
          </DataTable>
          <PageButtons
            summary={`Nodes ${first.toLocaleString('en')}–${(first + data.nodes.length - 1).toLocaleString('en')} of ${data.total.toLocaleString('en')}`}
            page={page}
            pageCount={Math.max(1, Math.ceil(data.total / QUERY_PAGE_SIZE))}
            hasPrevious={page > 1}
            hasNext={page * QUERY_PAGE_SIZE < data.total}
            onPage={onPage}
          />
        </>
      )}
    </Section>
  );
}
