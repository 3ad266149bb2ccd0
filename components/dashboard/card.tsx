import type { ReactNode } from 'react';

/** Colours of the dashboard's charts; status colours match the ping status badges. */
export const chartColors = {
  Online: '#10b981',
  ConnectionLost: '#f59e0b',
  Inactive: '#94a3b8',
  outdated: '#f59e0b',
  current: '#0ea5e9',
  muted: '#cbd5e1',
  categorical: ['#0ea5e9', '#6366f1', '#14b8a6', '#8b5cf6', '#f472b6', '#f97316', '#84cc16', '#06b6d4'],
} as const;

export const categoricalColor = (index: number) => chartColors.categorical[index % chartColors.categorical.length]!;

/** One dashboard widget: a titled white panel, as the rest of the console draws its sections. */
export function DashboardCard({ title, description, actions, className = '', children }: { title: string; description?: ReactNode; actions?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section aria-label={title} className={`flex flex-col rounded-lg border border-slate-200 bg-white ${className}`}>
      <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div>
          <h2 className="font-medium">{title}</h2>
          {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
        </div>
        {actions}
      </header>
      <div className="flex-1 px-5 py-4">{children}</div>
    </section>
  );
}

/** The share of the fleet a count is, as people read it: "<1%" rather than "0%" for a few nodes. */
export function percentOf(count: number, total: number): string {
  if (total === 0 || count === 0) return '0%';
  const percent = (count / total) * 100;
  return percent < 1 ? '<1%' : `${Math.round(percent)}%`;
}
