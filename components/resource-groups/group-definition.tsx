import Link from 'next/link';
import type { ResourceGroup } from './queries';
import { linkClass } from '@/components/settings/ui';

/** "Environment = prod or staging · Role = web": a tag query in one line, for the list table. */
export function tagQuerySummary(tagQuery: Record<string, string[]>): string {
  return Object.entries(tagQuery)
    .map(([key, values]) => `${key} = ${values.join(' or ')}`)
    .join(' · ');
}

/** What decides a group's members, spelled out: each tag key with its values, or the node list. */
export function GroupDefinition({ group }: { group: ResourceGroup }) {
  if (group.kind === 'Static') {
    return (
      <div className="text-sm">
        <p className="mb-2 text-slate-600">{`Exactly these ${group.nodeIds.length} node${group.nodeIds.length === 1 ? '' : 's'}:`}</p>
        <ul className="flex flex-wrap gap-1.5" aria-label="Listed node IDs">
          {group.nodeIds.map((nodeId) => (
            <li key={nodeId} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
              <Link href={`/fleet/${nodeId}`} className={linkClass}>{nodeId}</Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const entries = Object.entries(group.tagQuery);
  return (
    <div className="text-sm">
      <p className="mb-2 text-slate-600">Nodes with every one of these tags (any of the listed values):</p>
      <ul className="space-y-1.5" aria-label="Tag query">
        {entries.map(([key, values], index) => (
          <li key={key} className="flex flex-wrap items-center gap-1.5">
            {index > 0 && <span className="mr-1 text-xs font-semibold uppercase text-slate-400">and</span>}
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{key}</span>
            <span className="text-slate-500">=</span>
            {values.map((value, valueIndex) => (
              <span key={value} className="flex items-center gap-1.5">
                {valueIndex > 0 && <span className="text-xs text-slate-400">or</span>}
                <span className="rounded bg-sky-50 px-1.5 py-0.5 font-mono text-xs text-sky-800 ring-1 ring-inset ring-sky-600/20">{value}</span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
