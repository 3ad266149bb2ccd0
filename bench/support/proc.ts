import fs from 'node:fs';
import path from 'node:path';

/** Read off /proc: what a process (the server, PostgreSQL) cost while a benchmark ran. */

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

/** utime + stime (+ reaped children's, for the postmaster whose backends come and go), in seconds. */
export function cpuSecondsOf(pid: number, withReapedChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
    return ((utime ?? 0) + (stime ?? 0) + (withReapedChildren ? (cutime ?? 0) + (cstime ?? 0) : 0)) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0; // exited meanwhile
  }
}

export function childPidsOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((candidate) => {
      try {
        const stat = fs.readFileSync(`/proc/${candidate}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    });
}

/** The postmaster and every backend: the database's share of the machine. */
export function postgresCpuSeconds(clusterDir: string): number {
  const postmaster = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return cpuSecondsOf(postmaster, true) + childPidsOf(postmaster).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}
