'use client';

import { useEffect, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { PathTree } from './path-tree';
import { ParameterTable } from './parameter-table';
import type { ParameterListFilters } from './queries';
import { useDebouncedValue } from '@/components/documents/use-document-lint';

function filtersOf(params: URLSearchParams): ParameterListFilters {
  return {
    path: params.get('path') || '/',
    isRecursive: params.get('recursive') === '1',
    type: params.get('type') ?? '',
    tier: params.get('tier') ?? '',
    label: params.get('label') ?? '',
    tag: params.get('tag') ?? '',
    search: params.get('q') ?? '',
  };
}

function searchParamsOf(filters: ParameterListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.path !== '/') params.set('path', filters.path);
  if (filters.isRecursive) params.set('recursive', '1');
  for (const [key, value] of [['type', filters.type], ['tier', filters.tier], ['label', filters.label], ['tag', filters.tag], ['q', filters.search.trim()]] as const) {
    if (value) params.set(key, value);
  }
  return params;
}

/**
 * Parameter Store's main page: the hierarchy on the left, the parameters of the selected path on
 * the right. Everything chosen lives in the URL, so a view can be linked to.
 */
export function ParametersView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [searchText, setSearchText] = useState(filters.search);
  const settledSearch = useDebouncedValue(searchText, 300);

  const navigate = (next: Partial<ParameterListFilters>) => {
    const params = searchParamsOf({ ...filters, ...next });
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  // The search box writes the URL once typing pauses, not on every key.
  useEffect(() => {
    if (settledSearch.trim() !== filters.search.trim()) navigate({ search: settledSearch });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled search moves the URL
  }, [settledSearch]);

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <aside aria-label="Hierarchy" className="flex max-h-[calc(100vh-8rem)] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white lg:sticky lg:top-4">
        <h2 className="border-b border-slate-200 px-4 py-2.5 text-xs font-medium uppercase tracking-wide text-slate-500">Hierarchy</h2>
        <PathTree
          selectedPath={filters.path}
          searchText={searchText}
          settledSearch={settledSearch}
          onSearch={setSearchText}
          onSelect={(path) => navigate({ path })}
        />
      </aside>
      {/* Keyed by the filters: another path or filter starts again at the first page. */}
      <ParameterTable
        key={searchParamsOf(filters).toString()}
        filters={filters}
        onChange={navigate}
        onClearFilters={() => {
          setSearchText('');
          navigate({ search: '', type: '', tier: '', label: '', tag: '' });
        }}
      />
    </div>
  );
}
