'use client';

import Link from 'next/link';
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { NODE_COLUMNS, type NodeColumnId, type SortKey, type SortOrder } from '@/server/fleet/filters';
import { tableStyles } from '@/components/ui/data-table';
import { dateTime, timeAgo } from '@/components/lib/format';
import { PingStatusBadge } from '../ping-status-badge';
import type { Node } from '../queries';

const ROW_HEIGHT = 41;
const tagText = (tags: Record<string, string>, separator: string) => Object.keys(tags).sort().map((key) => `${key}=${tags[key]}`).join(separator);
const dash = (value: string | null | undefined) => value || '—';

const CELLS: Record<NodeColumnId, (node: Node) => ReactNode> = {
  nodeId: (node) => <Link href={`/fleet/${node.nodeId}`} className="font-mono text-xs text-sky-700 hover:underline">{node.nodeId}</Link>,
  name: (node) => node.name,
  pingStatus: (node) => <PingStatusBadge status={node.pingStatus} />,
  os: (node) => dash([node.platformName, node.platformVersion].filter(Boolean).join(' ')),
  platformType: (node) => dash(node.platformType),
  ipAddress: (node) => (
    <span className="font-mono text-xs" title={node.ipAddresses.join('\n')}>
      {dash(node.ipAddress)}
      {node.ipAddresses.length > 1 && <span className="text-slate-400"> +{node.ipAddresses.length - 1}</span>}
    </span>
  ),
  agentVersion: (node) => dash(node.agentVersion),
  lastPingDateTime: (node) => <span className="text-slate-600" title={node.lastPingDateTime ?? undefined}>{timeAgo(node.lastPingDateTime)}</span>,
  region: (node) => dash(node.region),
  account: (node) => dash(node.account),
  computerName: (node) => dash(node.computerName),
  architecture: (node) => dash(node.architecture),
  kernelVersion: (node) => dash(node.kernelVersion),
  tags: (node) => <span title={tagText(node.tags, '\n')}>{dash(tagText(node.tags, ', '))}</span>,
  registrationDate: (node) => dateTime(node.registrationDate),
};

/**
 * The page of nodes. Only the rows in view (plus a margin) are in the DOM, so a 1,000-node page
 * scrolls as lightly as a 25-node one; spacer rows keep the scroll height right.
 */
export function NodeTable({ nodes, columns, sort, order, onSort }: {
  nodes: Node[];
  columns: NodeColumnId[];
  sort: SortKey;
  order: SortOrder;
  onSort: (sort: SortKey) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual keeps its own state outside React; the compiler lint knows and warns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    initialRect: { width: 1200, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const shown = NODE_COLUMNS.filter((column) => columns.includes(column.id));

  return (
    <div ref={scrollRef} className="max-h-[70vh] overflow-auto">
      <table className={tableStyles.table} aria-label="Managed nodes" aria-rowcount={nodes.length + 1}>
        <thead className={`${tableStyles.head} sticky top-0 z-10`}>
          <tr>
            {shown.map((column) => {
              const sortKey = 'sort' in column ? column.sort : undefined;
              const isSorted = sortKey === sort;
              return (
                <th key={column.id} scope="col" className="whitespace-nowrap px-3 py-2.5 font-medium" aria-sort={isSorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {sortKey ? (
                    <button type="button" onClick={() => onSort(sortKey)} className="uppercase hover:text-slate-900">
                      {column.label}
                      {isSorted ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={tableStyles.body}>
          {paddingTop > 0 && <tr aria-hidden="true"><td colSpan={shown.length} style={{ height: paddingTop, padding: 0 }} /></tr>}
          {items.map((item) => {
            const node = nodes[item.index]!;
            return (
              <tr key={node.nodeId} aria-rowindex={item.index + 2} className="hover:bg-slate-50" style={{ height: ROW_HEIGHT }}>
                {shown.map((column) => (
                  <td key={column.id} className="max-w-64 truncate whitespace-nowrap px-3 py-2">{CELLS[column.id](node)}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && <tr aria-hidden="true"><td colSpan={shown.length} style={{ height: paddingBottom, padding: 0 }} /></tr>}
        </tbody>
      </table>
    </div>
  );
}
