'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { aggregateQuery, type InventoryFilter, type TypeSchema } from './queries';

/** Values with how many nodes have each, as bars against the whole. */
export function ValueBars({ label, rows, total, empty, onPick }: { label: string; rows: { value: string; count: number }[]; total: number; empty: string; onPick?: (value: string) => void }) {
  if (rows.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">{empty}</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {rows.map((row) => (
        <li key={row.value} className="flex items-center gap-3 px-5 py-1.5 text-sm" data-value={row.value}>
          {onPick ? (
            <button type="button" className="w-56 truncate text-left font-mono text-xs text-sky-700 hover:underline" onClick={() => onPick(row.value)}>{row.value}</button>
          ) : (
            <span className="w-56 truncate font-mono text-xs">{row.value || '(empty)'}</span>
          )}
          <span className="h-2 flex-1 rounded bg-slate-100">
            <span className="block h-2 rounded bg-sky-500" style={{ width: `${total > 0 ? Math.min(100, (row.count / total) * 100) : 0}%` }} />
          </span>
          <span className="w-20 text-right tabular-nums text-slate-600">{`${row.count} node${row.count === 1 ? '' : 's'}`}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Counts over the query's nodes by one attribute: with "Name = openssl" that is openssl's version
 * spread; over AWS:InstanceInformation it is the OS spread.
 */
export function ValueCounts({ filters, schemas, total }: { filters: InventoryFilter[]; schemas: TypeSchema[]; total: number }) {
  const firstType = filters[0]?.typeName ?? 'AWS:Application';
  const [typeName, setTypeName] = useState(firstType);
  const schema = schemas.find((candidate) => candidate.typeName === typeName);
  const [attribute, setAttribute] = useState(typeName === 'AWS:Application' ? 'Version' : (schema?.attributes[0]?.name ?? 'Name'));
  const { data, error, isPending } = useQuery(aggregateQuery(filters, typeName, attribute));
  return (
    <Section
      title="Count by value"
      description="How many of the matching nodes have each value: a package’s version spread, the OS spread."
      actions={
        <>
          <select aria-label="Count type" className={sizedInputClass} value={typeName} onChange={(event) => {
            const next = schemas.find((candidate) => candidate.typeName === event.target.value);
            setTypeName(event.target.value);
            setAttribute(next?.attributes[0]?.name ?? 'Name');
          }}>
            {schemas.map((candidate) => <option key={candidate.typeName} value={candidate.typeName}>{candidate.typeName}</option>)}
          </select>
          <select aria-label="Count by attribute" className={sizedInputClass} value={attribute} onChange={(event) => setAttribute(event.target.value)}>
            {(schema?.attributes ?? []).map((candidate) => <option key={candidate.name} value={candidate.name}>{candidate.name}</option>)}
          </select>
        </>
      }
    >
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Counting…</p>}
      {data && <ValueBars label={`Nodes by ${typeName}.${attribute}`} rows={data.slice(0, 50).map((row) => ({ value: row.values[attribute] ?? '', count: row.count }))} total={total} empty={`No matching node reports ${typeName}.${attribute}.`} />}
    </Section>
  );
}
