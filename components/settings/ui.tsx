import Link from 'next/link';
import type { ReactNode } from 'react';

/** Shared look of the identity and audit screens; their tables use components/ui/data-table. */
export const inputClass =
  'w-full rounded border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-sky-500 focus:outline-none disabled:bg-slate-50';

export const linkClass = 'text-sky-700 hover:underline';

export function Section({ title, description, actions, children }: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <header className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-3">
        <div>
          <h2 className="font-medium">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

const TONES = {
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  sky: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  emerald: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
} as const;

export function Badge({ tone = 'slate', children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

/** Names in a table cell: a dash when there are none. */
export function NameList({ names, hrefOf }: { names: string[]; hrefOf?: (name: string) => string }) {
  if (names.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {names.map((name) => (
        <li key={name} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
          {hrefOf ? <Link href={hrefOf(name)} className={linkClass}>{name}</Link> : name}
        </li>
      ))}
    </ul>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className="px-5 py-4 text-sm text-slate-500">{children}</p>;
}
