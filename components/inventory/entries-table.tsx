'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { ENTRIES_PAGE_SIZE, entriesQuery } from './queries';

/** The columns worth a glance per type; the rest of an entry is in its row's title. */
const COLUMNS: Record<string, string[]> = {
  'AWS:Application': ['Name', 'Version', 'Architecture', 'Publisher', 'InstalledTime', 'Summary'],
  'AWS:Network': ['Name', 'IPV4', 'IPV6', 'MacAddress', 'Gateway', 'DNSServer'],
  'AWS:Service': ['Name', 'DisplayName', 'Status', 'StartType', 'ServiceType'],
  'AWS:File': ['Name', 'InstalledDir', 'Size', 'ModificationTime', 'Hash'],
};

function columnsOf(typeName: string, entries: Record<string, string>[]): string[] {
  return COLUMNS[typeName] ?? [...new Set(entries.flatMap((entry) => Object.keys(entry)))].slice(0, 8);
}

/** One type's entries on a node, searchable and paged. */
export function EntriesTable({ nodeId, typeName, label }: { nodeId: string; typeName: string; label: string }) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const settled = useDebouncedValue(search, 300);
  const { data, error, isPending } = useQuery(entriesQuery(nodeId, typeName, settled, page));
  const columns = columnsOf(typeName, data?.entries ?? []);
  const first = (page - 1) * ENTRIES_PAGE_SIZE + 1;
  return (
    <div>
      <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <input type="search" aria-label={`Search ${label}`} placeholder="Search any value" className={`${sizedInputClass} w-72`} value={search} onChange={(event) => { setSearch(event.target.value); setPage(1); }} />
        {data && <span className="text-sm text-slate-500">{`${data.total.toLocaleString('en')} ${data.total === 1 ? 'entry' : 'entries'}`}</span>}
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading…</p>}
      {data && data.entries.length === 0 && (
        <div className="p-5">
          <EmptyState title={settled ? `No ${label.toLowerCase()} entry contains “${settled}”` : `This node has reported no ${label.toLowerCase()}`}>
            {!settled && 'Collection may leave this type out (the association’s parameters), or the node has not reported yet.'}
          </EmptyState>
        </div>
      )}
      {data && data.entries.length > 0 && (
        <>
          <div className="overflow-x-auto">
            <DataTable label={label} columns={columns}>
              {data.entries.map((entry, index) => (
                <tr key={index} className="hover:bg-slate-50" title={Object.entries(entry).map(([key, value]) => `${key}: ${value}`).join('\n')}>
                  {columns.map((column) => <td key={column} className={`${tableStyles.td} max-w-80 truncate ${column === 'Name' ? 'font-medium' : 'text-slate-600'}`}>{entry[column] ?? ''}</td>)}
                </tr>
              ))}
            </DataTable>
          </div>
          <PageButtons
            summary={`${first.toLocaleString('en')}–${(first + data.entries.length - 1).toLocaleString('en')} of ${data.total.toLocaleString('en')}`}
            page={page}
            pageCount={Math.max(1, Math.ceil(data.total / ENTRIES_PAGE_SIZE))}
            hasPrevious={page > 1}
            hasNext={page * ENTRIES_PAGE_SIZE < data.total}
            onPage={setPage}
          />
        </>
      )}
    </div>
  );
}
