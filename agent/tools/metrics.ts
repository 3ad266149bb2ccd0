import fs from 'node:fs/promises';
import type { MetricsSample } from '../protocol';
import { cpuPercent, memoryUsage, parseLoadavg, parseMeminfo, parseMounts, parseNetDev, parseProcStat, realMounts, type CpuTimes, type InterfaceCounters } from './proc';

interface Counters {
  at: number;
  cpu: CpuTimes;
  network: InterfaceCounters[];
}

/** Rates need two readings; a first call waits this long for its second. */
const BASELINE_WAIT_MS = 500;
/** An older previous reading would average away what is happening now. */
const MAX_BASELINE_AGE_MS = 30_000;
/** Several consoles polling at once share a sample instead of each re-reading /proc. */
const REUSE_WITHIN_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readCounters(): Promise<Counters & { cores: number }> {
  const [stat, netDev] = await Promise.all([fs.readFile('/proc/stat', 'utf8'), fs.readFile('/proc/net/dev', 'utf8')]);
  const parsed = parseProcStat(stat);
  return { at: Date.now(), cpu: parsed.cpu, cores: parsed.cores, network: parseNetDev(netDev) };
}

/** Interfaces the kernel lists under /sys/devices/virtual have no hardware behind them. */
async function isVirtualInterface(name: string): Promise<boolean> {
  try {
    return (await fs.readlink(`/sys/class/net/${name}`)).includes('/virtual/');
  } catch {
    return name === 'lo';
  }
}

async function diskUsage(): Promise<MetricsSample['disks']> {
  const mounts = realMounts(parseMounts(await fs.readFile('/proc/mounts', 'utf8'))).slice(0, 64);
  const disks = await Promise.all(
    mounts.map(async (mount) => {
      try {
        const stats = await fs.statfs(mount.mountPoint);
        const total = stats.blocks * stats.bsize;
        // `df` counts used as total minus free, and shows available to unprivileged users.
        const used = (stats.blocks - stats.bfree) * stats.bsize;
        const available = stats.bavail * stats.bsize;
        const usable = used + available;
        return {
          ...mount,
          totalBytes: total,
          usedBytes: used,
          availableBytes: available,
          percent: usable > 0 ? Math.round((used / usable) * 1000) / 10 : 0,
        };
      } catch {
        // A hung network mount or one we may not stat is left out rather than failing the sample.
        return undefined;
      }
    }),
  );
  return disks.filter((disk) => disk !== undefined && disk.totalBytes > 0) as MetricsSample['disks'];
}

/** Takes live samples: CPU and network as rates since the previous reading, the rest as levels. */
export class MetricsSampler {
  private previous?: Counters;
  private last?: { at: number; sample: Promise<MetricsSample> };

  sample(): Promise<MetricsSample> {
    if (this.last && Date.now() - this.last.at < REUSE_WITHIN_MS) return this.last.sample;
    const sample = this.takeSample();
    this.last = { at: Date.now(), sample };
    sample.catch(() => (this.last = undefined));
    return sample;
  }

  private async takeSample(): Promise<MetricsSample> {
    let before = this.previous;
    if (!before || Date.now() - before.at > MAX_BASELINE_AGE_MS) {
      before = await readCounters();
      await sleep(BASELINE_WAIT_MS);
    }
    const [after, meminfo, loadavg, uptime, disks] = await Promise.all([
      readCounters(),
      fs.readFile('/proc/meminfo', 'utf8'),
      fs.readFile('/proc/loadavg', 'utf8'),
      fs.readFile('/proc/uptime', 'utf8'),
      diskUsage(),
    ]);
    const interfaces = after.network.slice(0, 64);
    const isVirtual = await Promise.all(interfaces.map((counters) => isVirtualInterface(counters.interface)));
    this.previous = after;
    const seconds = Math.max((after.at - before.at) / 1000, 0.001);
    const previousByName = new Map(before.network.map((counters) => [counters.interface, counters]));
    return {
      sampledAt: after.at,
      intervalMs: after.at - before.at,
      uptimeSeconds: Number(uptime.split(/\s+/)[0]) || 0,
      cpu: { percent: cpuPercent(before.cpu, after.cpu), cores: after.cores },
      load: parseLoadavg(loadavg),
      memory: memoryUsage(parseMeminfo(meminfo)),
      disks,
      network: interfaces.map((counters, index) => {
        const earlier = previousByName.get(counters.interface);
        // Counters reset when an interface comes back; a negative delta is not traffic.
        const rate = (now: number, then: number | undefined) => (then === undefined || now < then ? 0 : Math.round((now - then) / seconds));
        return {
          ...counters,
          rxBytesPerSecond: rate(counters.rxBytes, earlier?.rxBytes),
          txBytesPerSecond: rate(counters.txBytes, earlier?.txBytes),
          isVirtual: isVirtual[index]!,
        };
      }),
    };
  }
}
