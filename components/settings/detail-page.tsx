import Link from 'next/link';
import type { ReactNode } from 'react';
import { linkClass } from './ui';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';

/**
 * What a detail page shows instead of the thing it names: the list query's error, a loading line,
 * or, when the list has no such name (deleted meanwhile, or a mistyped address), a way back.
 */
export function DetailFallback({
  error,
  isPending,
  noun,
  name,
  listHref,
  listName,
}: {
  error: unknown;
  isPending: boolean;
  noun: string;
  name: string;
  listHref: string;
  listName: string;
}) {
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">{`Loading ${noun}…`}</p>;
  return (
    <EmptyState title={`There is no ${noun} named ${name}`}>
      It may have been deleted. <Link href={listHref} className={linkClass}>{`Back to ${listName}`}</Link>
    </EmptyState>
  );
}

/** The top of a user, group or policy page: a link back to the list, the name, a summary line, and its buttons. */
export function DetailHeader({
  backHref,
  backLabel,
  title,
  summary,
  actions,
}: {
  backHref: string;
  backLabel: string;
  title: ReactNode;
  summary: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex items-start justify-between">
      <div>
        <Link href={backHref} className="text-sm text-sky-700 hover:underline">{`← ${backLabel}`}</Link>
        <h2 className="mt-1 flex items-center gap-2 text-xl font-semibold tracking-tight">{title}</h2>
        <p className="text-sm text-slate-500">{summary}</p>
      </div>
      {actions}
    </div>
  );
}
