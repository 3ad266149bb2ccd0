'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Cell, Pie, PieChart, Tooltip } from 'recharts';
import { DashboardCard, chartColors, percentOf } from './card';

export interface Slice {
  key: string;
  label: string;
  count: number;
  color: string;
  /** Fleet Manager with this slice's filter; none when the filter contract cannot express it. */
  href?: string;
}

const MAX_SLICES = 6;

/** The biggest slices, and the rest folded into one "Other" so a 40-site fleet stays readable. */
function foldSmallSlices(slices: Slice[]): Slice[] {
  if (slices.length <= MAX_SLICES) return slices;
  const rest = slices.slice(MAX_SLICES - 1);
  const other = { key: '__other', label: `${rest.length} others`, count: rest.reduce((sum, slice) => sum + slice.count, 0), color: chartColors.muted };
  return [...slices.slice(0, MAX_SLICES - 1), other];
}

/** A donut with its legend; every legend entry (and slice) opens Fleet Manager filtered to it. */
export function DonutCard({ title, description, slices, total, className }: { title: string; description?: string; slices: Slice[]; total: number; className?: string }) {
  const router = useRouter();
  const shown = foldSmallSlices(slices.filter((slice) => slice.count > 0));
  return (
    <DashboardCard title={title} description={description} className={className}>
      {/* Side by side when the card is wide enough; otherwise the legend goes under the donut so
          labels like "Connection lost" are not cut. */}
      <div className="@container">
        <div className="flex flex-col items-center gap-4 @sm:flex-row @sm:gap-6">
          <div className="relative h-36 w-36 shrink-0">
            <PieChart width={144} height={144}>
              <Pie
                data={shown}
                dataKey="count"
                nameKey="label"
                innerRadius={46}
                outerRadius={68}
                paddingAngle={shown.length > 1 ? 1.5 : 0}
                stroke="none"
                isAnimationActive={false}
                onClick={(_, index) => {
                  const href = shown[index]?.href;
                  if (href) router.push(href);
                }}
              >
                {shown.map((slice) => (
                  <Cell key={slice.key} fill={slice.color} cursor={slice.href ? 'pointer' : 'default'} />
                ))}
              </Pie>
              <Tooltip formatter={(value) => [`${Number(value).toLocaleString()} nodes`, '']} separator="" />
            </PieChart>
            <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
              <span className="text-xl font-semibold tabular-nums">{total.toLocaleString()}</span>
              <span className="text-[11px] uppercase tracking-wide text-slate-500">nodes</span>
            </div>
          </div>
          <ul className="w-full min-w-0 flex-1 space-y-1.5 text-sm">
            {shown.length === 0 && <li className="text-slate-500">No nodes.</li>}
            {shown.map((slice) => (
              <li key={slice.key} className="flex items-center gap-2">
                <span className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: slice.color }} aria-hidden />
                {slice.href ? (
                  <Link href={slice.href} className="min-w-0 truncate text-sky-700 hover:underline" aria-label={`${slice.label}: ${slice.count} nodes`} title="Show these nodes in Fleet Manager">
                    {slice.label}
                  </Link>
                ) : (
                  <span className="min-w-0 truncate text-slate-700">{slice.label}</span>
                )}
                <span className="ml-auto tabular-nums font-medium">{slice.count.toLocaleString()}</span>
                <span className="w-10 text-right text-xs tabular-nums text-slate-500">{percentOf(slice.count, total)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </DashboardCard>
  );
}
