'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageButtons } from '@/components/run-command/page-buttons';
import { sizedInputClass } from '@/components/run-command/ui';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { Section, linkClass } from '@/components/settings/ui';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { sessionListQuery, type SessionState } from './queries';
import { SessionTable } from './session-table';

const STATES: { state: SessionState; label: string }[] = [
  { state: 'Active', label: 'Active sessions' },
  { state: 'History', label: 'Session history' },
];

function filtersOf(params: URLSearchParams) {
  return { state: (params.get('state') === 'History' ? 'History' : 'Active') as SessionState, target: params.get('target') ?? '', owner: params.get('owner') ?? '' };
}

function StateTabs({ state, onChange }: { state: SessionState; onChange: (state: SessionState) => void }) {
  return (
    <div role="tablist" aria-label="Sessions" className="flex gap-1 border-b border-slate-200 px-5">
      {STATES.map((option) => (
        <button
          key={option.state}
          type="button"
          role="tab"
          aria-selected={state === option.state}
          onClick={() => onChange(option.state)}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${state === option.state ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/**
 * Active sessions and history, filtered by node and owner (in the URL, so a view can be shared),
 * paged by the server's NextToken. Active sessions refresh on their own.
 */
export function SessionList() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [targetText, setTargetText] = useState(filters.target);
  const [ownerText, setOwnerText] = useState(filters.owner);
  const settledTarget = useDebouncedValue(targetText, 400);
  const settledOwner = useDebouncedValue(ownerText, 400);
  // NextTokens of the pages before this one (the API pages forward only), for these filters:
  // other filters start again at their first page.
  const filterKey = JSON.stringify(filters);
  const [paging, setPaging] = useState<{ filterKey: string; tokens: string[] }>({ filterKey, tokens: [] });
  const tokens = paging.filterKey === filterKey ? paging.tokens : [];
  const nextToken = tokens.at(-1);
  const { data, error, isPending, isFetching } = useQuery(sessionListQuery({ ...filters, nextToken }));

  const navigate = (next: Partial<ReturnType<typeof filtersOf>>) => {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    if (merged.state !== 'Active') params.set('state', merged.state);
    if (merged.target.trim()) params.set('target', merged.target.trim());
    if (merged.owner.trim()) params.set('owner', merged.owner.trim());
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  useEffect(() => {
    if (settledTarget.trim() !== filters.target || settledOwner.trim() !== filters.owner) navigate({ target: settledTarget, owner: settledOwner });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only settled text moves the URL
  }, [settledTarget, settledOwner]);

  const isFiltered = filters.target !== '' || filters.owner !== '';
  const clear = () => {
    setTargetText('');
    setOwnerText('');
    navigate({ target: '', owner: '' });
  };

  return (
    <Section title="Sessions" description="Who is connected where, since when and from which address; and every session before, with how it ended.">
      <StateTabs state={filters.state} onChange={(state) => navigate({ state })} />
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <input type="search" aria-label="Node" placeholder="Node ID" className={`${sizedInputClass} w-64 font-mono`} value={targetText} onChange={(event) => setTargetText(event.target.value)} />
        <input type="search" aria-label="Owner" placeholder="Owner (user name)" className={`${sizedInputClass} w-56`} value={ownerText} onChange={(event) => setOwnerText(event.target.value)} />
        {isFetching && data && <span className="ml-auto text-sm text-slate-400">updating…</span>}
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading sessions…</p>}
      {data && data.sessions.length === 0 && (
        <div className="p-5">
          {isFiltered ? (
            <EmptyState title="No session matches these filters">
              <button type="button" className={linkClass} onClick={clear}>Clear filters</button>
            </EmptyState>
          ) : filters.state === 'Active' ? (
            <EmptyState title="No active sessions">Nobody is connected to a node now. Start a session to open a shell on a node from the browser.</EmptyState>
          ) : (
            <EmptyState title="No sessions yet">Ended sessions appear here with their recordings, kept for the retention period set in Settings.</EmptyState>
          )}
        </div>
      )}
      {data && data.sessions.length > 0 && (
        <>
          <SessionTable state={filters.state} sessions={data.sessions} />
          <PageButtons
            page={tokens.length + 1}
            hasPrevious={tokens.length > 0}
            hasNext={Boolean(data.nextToken)}
            onPage={(page) => setPaging({ filterKey, tokens: page > tokens.length + 1 ? [...tokens, data.nextToken!] : tokens.slice(0, page - 1) })}
          />
        </>
      )}
    </Section>
  );
}
