import type { ReactNode } from 'react';
import { ApiError } from '@/components/lib/api-client';

/** The look of the node page's panels and tables, kept with the page so its parts agree. */
export const nodeTable = {
  table: 'w-full text-left text-sm',
  head: 'border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500',
  th: 'px-3 py-2 font-medium',
  body: 'divide-y divide-slate-100',
  td: 'px-3 py-1.5 align-top',
};

export const inputStyle = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-sky-500 focus:outline-none';

export function Panel({ title, actions, children, className = '' }: { title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-label={title} className={`rounded-lg border border-slate-200 bg-white ${className}`}>
      <header className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-3">
        <h2 className="font-medium">{title}</h2>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </header>
      <div className="p-5">{children}</div>
    </section>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children || '—'}</dd>
    </div>
  );
}

const TONE = {
  amber: 'border-amber-200 bg-amber-50 text-amber-900',
  red: 'border-red-200 bg-red-50 text-red-800',
};

/**
 * A live view's failure in words. The server's message already says what happened (since when
 * the node is disconnected, which action a policy lacks); this adds what it means here.
 */
export function LiveError({ error, what }: { error: unknown; what: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  const message = error instanceof Error ? error.message : 'Something went wrong';
  const title =
    code === 'NodeNotConnected'
      ? `Cannot show ${what}: the node is not connected`
      : code === 'AgentTimeout'
        ? `Cannot show ${what}: the agent did not answer in time`
        : code === 'AccessDeniedException'
          ? `You may not see ${what} on this node`
          : `Cannot show ${what}`;
  return (
    <div role="alert" className={`rounded border px-4 py-3 text-sm ${code === 'NodeNotConnected' || code === 'AgentTimeout' ? TONE.amber : TONE.red}`}>
      <p className="font-medium">{title}</p>
      <p className="mt-1">{message}</p>
    </div>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `rwxr-xr-x` with setuid/setgid/sticky as ls shows them. */
export function formatMode(mode: number): string {
  const triplet = (bits: number, special: boolean, specialChar: string) =>
    `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? specialChar : specialChar.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
  return (
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}
