'use client';

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

const clock = (time: number) => new Date(time).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A small live area chart: one value per sample, the latest shown large above it. */
export function MetricChart({
  title,
  current,
  detail,
  data,
  series,
  domain,
  formatValue,
  formatTick = formatValue,
}: {
  title: string;
  current: string;
  detail?: string;
  data: Record<string, number>[];
  series: ChartSeries[];
  domain?: [number, number];
  formatValue: (value: number) => string;
  /** Axis labels have little room: a shorter form of formatValue. */
  formatTick?: (value: number) => string;
}) {
  return (
    <figure aria-label={`${title} chart`} data-points={data.length} className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium text-slate-700">{title}</span>
        <span className="text-right">
          <span className="text-lg font-semibold tabular-nums text-slate-900" data-testid={`${title.toLowerCase()}-current`}>{current}</span>
          {detail && <span className="block text-xs text-slate-500">{detail}</span>}
        </span>
      </figcaption>
      <div className="h-36">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="time" type="number" domain={['dataMin', 'dataMax']} tickFormatter={clock} tick={{ fontSize: 10, fill: '#64748b' }} minTickGap={40} />
            <YAxis domain={domain ?? [0, 'auto']} tickFormatter={formatTick} tick={{ fontSize: 10, fill: '#64748b' }} width={48} />
            <Tooltip labelFormatter={(time) => clock(Number(time))} formatter={(value) => formatValue(Number(value))} />
            {series.map((line) => (
              // Animation would replay on every sample and make the chart swim.
              <Area key={line.key} dataKey={line.key} name={line.label} type="monotone" stroke={line.color} fill={line.color} fillOpacity={0.15} strokeWidth={1.5} isAnimationActive={false} dot={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
      {series.length > 1 && (
        <div className="mt-1 flex gap-4 text-xs text-slate-600">
          {series.map((line) => (
            <span key={line.key} className="flex items-center gap-1">
              <span className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: line.color }} aria-hidden />
              {line.label}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
}
