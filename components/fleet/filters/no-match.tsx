import { EmptyState, buttonStyles } from '@/components/ui/notices';
import type { FilterCount } from '../queries';
import { describeFilter } from './filter-chips';

/** Nothing matched: say which filter is empty on its own, or that only the combination is. */
export function NoMatch({ filterCounts, onClear }: { filterCounts: FilterCount[]; onClear: () => void }) {
  const empty = filterCounts.filter((filter) => filter.count === 0);
  return (
    <EmptyState title="No nodes match these filters">
      {empty.length > 0 ? (
        <p>
          No node matches {empty.map((filter) => <strong key={`${filter.param}=${filter.value}`} className="mx-0.5 font-medium text-slate-800">{describeFilter(filter.param, filter.value)}</strong>)}
          {empty.length === 1 ? ' at all.' : ', not even one of them alone.'}
        </p>
      ) : (
        <p>Each filter matches nodes on its own, but no node matches all of them together.</p>
      )}
      <ul className="mt-2 space-y-0.5 text-xs text-slate-500">
        {filterCounts.map((filter) => (
          <li key={`${filter.param}=${filter.value}`}>
            {describeFilter(filter.param, filter.value)}: {filter.count.toLocaleString('en')} node{filter.count === 1 ? '' : 's'} alone
          </li>
        ))}
      </ul>
      <button type="button" className={`${buttonStyles.secondary} mt-4`} onClick={onClear}>Clear filters</button>
    </EmptyState>
  );
}
