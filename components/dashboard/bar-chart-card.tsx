'use client';

import { useRouter } from 'next/navigation';
import type { MouseEvent } from 'react';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DashboardCard } from './card';

export interface BarRow {
  key: string;
  label: string;
  count: number;
  color: string;
  /** Fleet Manager with this bar's filter; none when the filter contract cannot express it. */
  href?: string;
  /** A short flag after the label, e.g. "outdated". */
  note?: string;
}

const ROW_HEIGHT = 30;
const LABEL_WIDTH = 190;
const MAX_LABEL = 28;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value: string; index: number };
}

/**
 * Horizontal bars with the labels as links: the axis labels are SVG anchors, so they are real
 * links to keyboards and screen readers, and both they and the bars open Fleet Manager filtered.
 */
export function BarChartCard({ title, description, rows, emptyText, footer, className }: { title: string; description?: string; rows: BarRow[]; emptyText: string; footer?: React.ReactNode; className?: string }) {
  const router = useRouter();
  const open = (href: string | undefined, event?: MouseEvent) => {
    if (!href) return;
    event?.preventDefault();
    router.push(href);
  };

  const renderTick = ({ x, y, payload }: TickProps) => {
    const row = rows[payload?.index ?? -1];
    if (!row) return <g />;
    const text = row.label.length > MAX_LABEL ? `${row.label.slice(0, MAX_LABEL - 1)}…` : row.label;
    const label = (
      <text x={-8} y={0} dy={4} textAnchor="end" fontSize={12} fill={row.href ? '#0369a1' : '#475569'}>
        <title>{row.label}</title>
        {text}
        {row.note && <tspan fill="#b45309" fontWeight={600}>{` · ${row.note}`}</tspan>}
      </text>
    );
    return (
      <g transform={`translate(${x},${y})`}>
        {row.href ? (
          <a href={row.href} onClick={(event) => open(row.href, event)} aria-label={`${row.label}${row.note ? ` (${row.note})` : ''}: ${row.count} nodes`}>
            {label}
          </a>
        ) : (
          label
        )}
      </g>
    );
  };

  return (
    <DashboardCard title={title} description={description} className={className}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{emptyText}</p>
      ) : (
        <div style={{ height: rows.length * ROW_HEIGHT + 8 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 48, bottom: 0, left: 0 }} barCategoryGap={6}>
              <XAxis type="number" hide allowDecimals={false} />
              <YAxis type="category" dataKey="key" width={LABEL_WIDTH} tickLine={false} axisLine={false} interval={0} tick={renderTick} />
              <Tooltip
                cursor={{ fill: '#f1f5f9' }}
                labelFormatter={(_, payload) => (payload?.[0]?.payload as BarRow | undefined)?.label ?? ''}
                formatter={(value) => [`${Number(value).toLocaleString()} nodes`, '']}
                separator=""
              />
              <Bar dataKey="count" radius={[0, 3, 3, 0]} isAnimationActive={false} onClick={(item) => open((item.payload as BarRow | undefined)?.href)}>
                {rows.map((row) => (
                  <Cell key={row.key} fill={row.color} cursor={row.href ? 'pointer' : 'default'} />
                ))}
                <LabelList dataKey="count" position="right" fontSize={12} fill="#334155" formatter={(value) => Number(value).toLocaleString()} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      {footer}
    </DashboardCard>
  );
}
