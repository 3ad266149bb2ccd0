'use client';

import type { MetricsSample } from '@/agent/protocol';
import { MetricChart } from './metric-chart';
import { LiveError, formatBytes } from './ui';
import { METRICS_INTERVAL_MS, useNodeMetrics } from './queries';

const percent = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} %`;
const rate = (value: number) => `${formatBytes(Math.round(value))}/s`;
const compactRate = (value: number) => {
  const units = ['B', 'K', 'M', 'G'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${scaled.toFixed(scaled < 10 && unit > 0 ? 1 : 0)}${units[unit]}`;
};
const compactPercent = (value: number) => `${Math.round(value)}%`;

function uptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${minutes} min`;
}

// Traffic through the network cards: loopback is the node talking to itself, and bridges, veth
// and ifb interfaces carry the same packets again. Without any card, everything but loopback.
function externalInterfaces(sample: MetricsSample) {
  const cards = sample.network.filter((entry) => entry.isVirtual === false);
  return cards.length > 0 ? cards : sample.network.filter((entry) => entry.interface !== 'lo');
}

function DiskUsage({ sample }: { sample: MetricsSample }) {
  return (
    <figure aria-label="Disk chart" className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-3 text-sm font-medium text-slate-700">Disk usage</figcaption>
      {sample.disks.length === 0 ? (
        <p className="text-sm text-slate-500">No disk file systems are mounted.</p>
      ) : (
        <ul className="space-y-3">
          {sample.disks.map((disk) => (
            <li key={disk.mountPoint} className="text-sm">
              <div className="flex justify-between gap-2">
                <span className="font-mono text-xs text-slate-800" title={`${disk.device} (${disk.fsType})`}>{disk.mountPoint}</span>
                <span className="tabular-nums text-slate-600">{formatBytes(disk.usedBytes)} of {formatBytes(disk.usedBytes + disk.availableBytes)} · {percent(disk.percent)}</span>
              </div>
              <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" role="meter" aria-label={`${disk.mountPoint} used`} aria-valuenow={disk.percent} aria-valuemin={0} aria-valuemax={100}>
                <div className={`h-full ${disk.percent >= 90 ? 'bg-red-500' : disk.percent >= 75 ? 'bg-amber-500' : 'bg-sky-500'}`} style={{ width: `${Math.min(disk.percent, 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** Live CPU, memory, network and disks, sampled every few seconds only while this tab is open. */
export function PerformanceTab({ nodeId }: { nodeId: string }) {
  const { data: samples, error, isPending } = useNodeMetrics(nodeId);
  if (error) return <LiveError error={error} what="live performance" />;
  if (isPending || samples.length === 0) return <p className="text-sm text-slate-500">Taking the first sample…</p>;
  const latest = samples.at(-1)!;
  const points = samples.map((sample) => {
    const external = externalInterfaces(sample);
    return {
      time: sample.sampledAt,
      cpu: sample.cpu.percent,
      memory: sample.memory.percent,
      rx: external.reduce((sum, entry) => sum + entry.rxBytesPerSecond, 0),
      tx: external.reduce((sum, entry) => sum + entry.txBytesPerSecond, 0),
    };
  });
  const now = points.at(-1)!;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Sampled every {METRICS_INTERVAL_MS / 1000} s while this tab is open · load {latest.load.map((value) => value.toFixed(2)).join(' / ')} · up {uptime(latest.uptimeSeconds)} ·{' '}
        <span data-testid="last-sample">updated {new Date(latest.sampledAt).toLocaleTimeString('en-GB')}</span>
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <MetricChart title="CPU" current={percent(now.cpu)} detail={`${latest.cpu.cores} cores`} data={points} domain={[0, 100]} formatValue={percent} formatTick={compactPercent} series={[{ key: 'cpu', label: 'CPU', color: '#0284c7' }]} />
        <MetricChart
          title="Memory"
          current={percent(now.memory)}
          detail={`${formatBytes(latest.memory.usedBytes)} of ${formatBytes(latest.memory.totalBytes)}${latest.memory.swapTotalBytes ? ` · swap ${formatBytes(latest.memory.swapUsedBytes)}` : ''}`}
          data={points}
          domain={[0, 100]}
          formatValue={percent}
          formatTick={compactPercent}
          series={[{ key: 'memory', label: 'Memory', color: '#7c3aed' }]}
        />
        <MetricChart
          title="Network"
          current={`↓ ${rate(now.rx)} ↑ ${rate(now.tx)}`}
          detail={externalInterfaces(latest).map((entry) => entry.interface).join(', ') || 'no interfaces besides loopback'}
          data={points}
          formatValue={rate}
          formatTick={compactRate}
          series={[{ key: 'rx', label: 'Received', color: '#059669' }, { key: 'tx', label: 'Sent', color: '#d97706' }]}
        />
        <DiskUsage sample={latest} />
      </div>
    </div>
  );
}
