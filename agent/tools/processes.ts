import fs from 'node:fs/promises';
import { MAX_PROCESSES, type ProcessInfo, type ProcessList } from '../protocol';
import { withinBudget } from './budget';
import { parseCmdline, parsePasswd, parsePidStat, parsePidStatus, parseProcStat } from './proc';

/** A command line may be up to ARG_MAX (megabytes); the list shows this much of each. */
const MAX_COMMAND_BYTES = 1024;
const BASELINE_WAIT_MS = 400;
const MAX_BASELINE_AGE_MS = 30_000;

interface Snapshot {
  at: number;
  totalTicks: number;
  cores: number;
  ticks: Map<number, number>;
}

interface RawProcess extends Omit<ProcessInfo, 'cpuPercent' | 'user'> {
  cpuTicks: number;
}

/** Reads at most `limit` bytes: a process's cmdline can be huge, and /proc reports size 0. */
async function readHead(file: string, limit: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    const { bytesRead } = await handle.read(buffer, 0, limit, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function readProcess(pid: number): Promise<RawProcess | undefined> {
  try {
    const [stat, status, cmdline] = await Promise.all([
      fs.readFile(`/proc/${pid}/stat`, 'utf8'),
      fs.readFile(`/proc/${pid}/status`, 'utf8'),
      readHead(`/proc/${pid}/cmdline`, MAX_COMMAND_BYTES).catch(() => ''),
    ]);
    const parsed = parsePidStat(stat);
    const { uid, rssBytes } = parsePidStatus(status);
    const command = parseCmdline(cmdline);
    return {
      pid,
      ppid: parsed.ppid,
      uid,
      state: parsed.state.slice(0, 2),
      name: parsed.name,
      // Kernel threads have no command line; ps shows their name in brackets.
      command: command || `[${parsed.name}]`,
      rssBytes,
      threads: parsed.threads,
      cpuTicks: parsed.cpuTicks,
    };
  } catch {
    // The process ended between listing /proc and reading it.
    return undefined;
  }
}

async function readSnapshot(): Promise<{ snapshot: Snapshot; processes: RawProcess[] }> {
  const pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const [stat, processes] = await Promise.all([fs.readFile('/proc/stat', 'utf8'), Promise.all(pids.map(readProcess))]);
  const { cpu, cores } = parseProcStat(stat);
  const present = processes.filter((process): process is RawProcess => process !== undefined);
  return {
    snapshot: { at: Date.now(), totalTicks: cpu.total, cores, ticks: new Map(present.map((process) => [process.pid, process.cpuTicks])) },
    processes: present,
  };
}

async function userNames(): Promise<Map<number, string>> {
  try {
    return new Map(parsePasswd(await fs.readFile('/etc/passwd', 'utf8')).map((entry) => [entry.uid, entry.name]));
  } catch {
    return new Map();
  }
}

/**
 * The process list from /proc, like `top`: %CPU over the time since the previous list (or a short
 * wait on the first), resident memory, owner. Busiest first, capped in count and in bytes.
 */
export class ProcessLister {
  private previous?: Snapshot;

  async list(): Promise<ProcessList> {
    let before = this.previous;
    if (!before || Date.now() - before.at > MAX_BASELINE_AGE_MS) {
      before = (await readSnapshot()).snapshot;
      await new Promise((resolve) => setTimeout(resolve, BASELINE_WAIT_MS));
    }
    const [{ snapshot, processes }, names] = await Promise.all([readSnapshot(), userNames()]);
    this.previous = snapshot;
    // Total ticks are summed over all CPUs; per core they are the elapsed time, as top measures it.
    const elapsedTicksPerCore = (snapshot.totalTicks - before.totalTicks) / snapshot.cores;
    const listed: ProcessInfo[] = processes
      .map(({ cpuTicks, ...process }) => {
        const earlier = before.ticks.get(process.pid);
        const used = earlier === undefined ? 0 : Math.max(cpuTicks - earlier, 0);
        const cpuPercent = elapsedTicksPerCore > 0 ? Math.round((used / elapsedTicksPerCore) * 1000) / 10 : 0;
        return { ...process, user: names.get(process.uid) ?? String(process.uid), cpuPercent };
      })
      .sort((a, b) => b.cpuPercent - a.cpuPercent || b.rssBytes - a.rssBytes || a.pid - b.pid);

    const kept = withinBudget(listed.slice(0, MAX_PROCESSES));
    return { sampledAt: snapshot.at, intervalMs: snapshot.at - before.at, total: listed.length, truncated: kept.length < listed.length, processes: kept };
  }
}
