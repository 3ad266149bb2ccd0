'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isSearchingBelow, parameterHref, parameterListQuery, pathChildrenQuery, type ParameterListFilters, type ParameterSummary } from './queries';
import { ParameterFilters, SubPathsToggle } from './parameter-filters';
import { TierBadge, TypeBadge, userNameOf } from './badges';
import { parentPathOfName } from './name-rules';
import { usePermissions } from '@/components/shell/queries';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { PageButtons } from '@/components/run-command/page-buttons';
import { dateTime, timeAgo } from '@/components/lib/format';

/** `/a/b` as links to `/a` and `/a/b`, so any level above is one click away. */
function Breadcrumbs({ path, isRecursive, onSelect }: { path: string; isRecursive: boolean; onSelect: (path: string) => void }) {
  const levels = path === '/' ? [] : path.split('/').slice(1);
  return (
    <span className="flex flex-wrap items-center gap-x-2">
      <span className="flex flex-wrap items-center font-mono text-[13px]">
      <button type="button" className={linkClass} onClick={() => onSelect('/')}>/</button>
      {levels.map((level, index) => {
        const target = `/${levels.slice(0, index + 1).join('/')}`;
        const isLast = index === levels.length - 1;
        return (
          <span key={target} className="flex items-center">
            {index > 0 && <span className="text-slate-400">/</span>}
            {isLast ? <span className="font-medium text-slate-900">{level}</span> : <button type="button" className={linkClass} onClick={() => onSelect(target)}>{level}</button>}
          </span>
        );
      })}
      </span>
      <span className="text-xs text-slate-500">{isRecursive ? 'and every level below' : path === '/' ? 'top level only' : 'this level only'}</span>
    </span>
  );
}

function NameCell({ parameter }: { parameter: ParameterSummary }) {
  const parent = parentPathOfName(parameter.Name);
  const prefix = parameter.Name.startsWith('/') ? `${parent === '/' ? '' : parent}/` : '';
  return (
    <td className={`${tableStyles.td} max-w-[18rem]`}>
      <Link href={parameterHref(parameter.Name)} className="break-all font-mono text-[13px] text-sky-700 hover:underline">
        <span className="text-slate-400">{prefix}</span>
        <span className="font-medium">{parameter.Name.slice(prefix.length)}</span>
      </Link>
      {parameter.Description && <span className="block max-w-[14rem] truncate text-xs text-slate-500" title={parameter.Description}>{parameter.Description}</span>}
    </td>
  );
}

function ParameterRow({ parameter }: { parameter: ParameterSummary }) {
  return (
    <tr className="hover:bg-slate-50">
      <NameCell parameter={parameter} />
      <td className={`${tableStyles.td} whitespace-nowrap`}><TypeBadge type={parameter.Type} /></td>
      <td className={`${tableStyles.td} whitespace-nowrap`}><TierBadge tier={parameter.Tier} /></td>
      <td className={`${tableStyles.td} tabular-nums text-slate-600`}>{parameter.Version}</td>
      <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`} title={dateTime(parameter.LastModifiedDate)}>{timeAgo(parameter.LastModifiedDate)}</td>
      <td className={`${tableStyles.td} text-slate-600`} title={parameter.LastModifiedUser}>{userNameOf(parameter.LastModifiedUser)}</td>
    </tr>
  );
}

const isFiltered = (filters: ParameterListFilters) => Boolean(filters.type || filters.tier || filters.label || filters.tag || filters.search.trim());

/** What an empty page says: no parameters at all, none at this level (but below), or none matching. */
function EmptyPage({ filters, onChange, onClearFilters, canCreate, createHref }: {
  filters: ParameterListFilters;
  onChange: (next: Partial<ParameterListFilters>) => void;
  onClearFilters: () => void;
  canCreate: boolean;
  createHref: string;
}) {
  const { data: below } = useQuery({ ...pathChildrenQuery(filters.path), enabled: !isSearchingBelow(filters) });
  const countBelow = below?.children.reduce((sum, child) => sum + child.parameterCount, 0) ?? 0;
  if (isFiltered(filters)) {
    return (
      <EmptyState title="No parameter matches these filters">
        <button type="button" className={linkClass} onClick={onClearFilters}>Clear filters</button>
        {!isSearchingBelow(filters) && <> or <button type="button" className={linkClass} onClick={() => onChange({ isRecursive: true })}>include sub-paths</button></>}
      </EmptyState>
    );
  }
  if (countBelow > 0) {
    return (
      <EmptyState title={`No parameters directly in ${filters.path}`}>
        {`${countBelow.toLocaleString('en')} sit in its sub-paths. `}
        <button type="button" className={linkClass} onClick={() => onChange({ isRecursive: true })}>Include sub-paths</button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={filters.path === '/' ? 'No parameters yet' : `No parameters in ${filters.path}`}>
      <p>Parameters hold configuration and secrets: plain strings, comma-separated lists, and SecureStrings encrypted with a key.</p>
      {canCreate && <Link href={createHref} className={`${buttonStyles.primary} mt-3 inline-block`}>Create parameter</Link>}
    </EmptyState>
  );
}

/** The parameters of one path, filtered, a page (of 25) at a time with DescribeParameters' NextToken. */
export function ParameterTable({ filters, onChange, onClearFilters }: { filters: ParameterListFilters; onChange: (next: Partial<ParameterListFilters>) => void; onClearFilters: () => void }) {
  const { can } = usePermissions();
  // The tokens of the pages seen so far: NextToken only goes forward, so going back reuses them.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const page = tokens.length;
  const { data, error, isPending, isFetching } = useQuery(parameterListQuery(filters, tokens[page - 1]));
  const createHref = `/parameters/new${filters.path === '/' ? '' : `?${new URLSearchParams({ path: filters.path })}`}`;
  const rows = data?.Parameters ?? [];

  return (
    <Section
      title="Parameters"
      description={<Breadcrumbs path={filters.path} isRecursive={isSearchingBelow(filters)} onSelect={(path) => onChange({ path })} />}
      actions={
        <>
          <SubPathsToggle isRecursive={isSearchingBelow(filters)} isLocked={filters.search.trim() !== ''} onChange={(isRecursive) => onChange({ isRecursive })} />
          {can('editParameters') && <Link href={createHref} className={`${buttonStyles.primary} ml-3`}>Create parameter</Link>}
        </>
      }
    >
      <ParameterFilters filters={filters} onChange={onChange} />
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading parameters…</p>}
      {data && rows.length === 0 && page === 1 && (
        <div className="p-5">
          <EmptyPage filters={filters} onChange={onChange} onClearFilters={onClearFilters} canCreate={can('editParameters')} createHref={createHref} />
        </div>
      )}
      {rows.length > 0 && (
        <>
          {/* Six columns beside the tree: a little less padding keeps them on a laptop screen. */}
          <div className="overflow-x-auto [&_td]:px-3 [&_th]:px-3">
            <DataTable label="Parameters" columns={['Name', 'Type', 'Tier', 'Version', 'Last modified', 'Modified by']}>
              {rows.map((parameter) => <ParameterRow key={parameter.Name} parameter={parameter} />)}
            </DataTable>
          </div>
          <PageButtons
            summary={`${rows.length.toLocaleString('en')} on this page${isFetching ? ' · updating…' : ''}`}
            page={page}
            hasPrevious={page > 1}
            hasNext={Boolean(data?.NextToken)}
            onPage={(next) => setTokens(next > page ? [...tokens, data?.NextToken] : tokens.slice(0, next))}
          />
        </>
      )}
    </Section>
  );
}
