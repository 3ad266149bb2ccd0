/**
 * Parsers for the Linux /proc and /etc text formats the agent reads. Pure functions over text,
 * so they are tested against captured fixtures (agent/tools/fixtures/).
 */

export interface CpuTimes {
  /** All jiffies spent, summed over every CPU. */
  total: number;
  /** Idle plus I/O wait. */
  idle: number;
}

export interface ProcStat {
  cpu: CpuTimes;
  cores: number;
}

/**
 * /proc/stat: `cpu  user nice system idle iowait irq softirq steal guest guest_nice`. guest time
 * is already counted in user (proc(5)), so only the first eight columns make the total.
 */
export function parseProcStat(text: string): ProcStat {
  let cpu: CpuTimes | undefined;
  let cores = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'cpu') {
      const values = fields.slice(1, 9).map(Number);
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
      cpu = { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait };
    } else if (/^cpu\d+$/.test(fields[0] ?? '')) {
      cores += 1;
    }
  }
  if (!cpu) throw new Error('/proc/stat has no cpu line');
  return { cpu, cores: Math.max(cores, 1) };
}

/** Busy share between two /proc/stat readings, in percent of all CPUs. */
export function cpuPercent(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const busy = total - (after.idle - before.idle);
  return clampPercent((busy / total) * 100);
}

function clampPercent(value: number): number {
  return Math.round(Math.min(Math.max(value, 0), 100) * 10) / 10;
}

/** /proc/meminfo: `Key:   123 kB` lines, in bytes. */
export function parseMeminfo(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([\w()]+):\s+(\d+)(?:\s+kB)?/.exec(line);
    if (match) values[match[1]!] = Number(match[2]) * (line.includes('kB') ? 1024 : 1);
  }
  return values;
}

export interface MemoryUsage {
  totalBytes: number;
  availableBytes: number;
  usedBytes: number;
  percent: number;
  swapTotalBytes: number;
  swapUsedBytes: number;
}

export function memoryUsage(meminfo: Record<string, number>): MemoryUsage {
  const total = meminfo.MemTotal ?? 0;
  // MemAvailable exists since Linux 3.14; before it, free + buffers + page cache is the estimate.
  const available = meminfo.MemAvailable ?? (meminfo.MemFree ?? 0) + (meminfo.Buffers ?? 0) + (meminfo.Cached ?? 0);
  const used = Math.max(total - available, 0);
  const swapTotal = meminfo.SwapTotal ?? 0;
  return {
    totalBytes: total,
    availableBytes: available,
    usedBytes: used,
    percent: total > 0 ? clampPercent((used / total) * 100) : 0,
    swapTotalBytes: swapTotal,
    swapUsedBytes: Math.max(swapTotal - (meminfo.SwapFree ?? 0), 0),
  };
}

export interface InterfaceCounters {
  interface: string;
  rxBytes: number;
  txBytes: number;
}

/** /proc/net/dev: two header lines, then `iface: rx_bytes rx_packets ... tx_bytes ...` (8 rx columns). */
export function parseNetDev(text: string): InterfaceCounters[] {
  const counters: InterfaceCounters[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (!name || fields.length < 16) continue;
    counters.push({ interface: name, rxBytes: fields[0]!, txBytes: fields[8]! });
  }
  return counters;
}

/** /proc/loadavg: `0.52 0.58 0.59 2/611 12345`. */
export function parseLoadavg(text: string): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = text.trim().split(/\s+/).slice(0, 3).map(Number);
  return [one, five, fifteen];
}

export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
}

// /proc/mounts escapes space, tab, newline and backslash as octal (\040, \011, \012, \134).
const unescapeMountField = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export function parseMounts(text: string): MountEntry[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 3)
    .map(([device, mountPoint, fsType]) => ({ device: unescapeMountField(device!), mountPoint: unescapeMountField(mountPoint!), fsType: fsType! }));
}

// Filesystems that hold data on a disk or a file server. Everything else in /proc/mounts (proc,
// sysfs, cgroup, tmpfs, devpts, squashfs snaps, ...) is kernel or memory state, not disk usage.
const REAL_FILESYSTEMS = new Set([
  'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'f2fs', 'jfs', 'reiserfs', 'bcachefs',
  'vfat', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'hfsplus',
  'nfs', 'nfs4', 'cifs', 'smb3', 'ceph', 'glusterfs',
  // A container's root file system.
  'overlay',
]);

/**
 * The mounts worth a disk-usage figure: real file systems, each device once (containers bind
 * single files like /etc/hosts from the host disk, and the same disk may be mounted twice); the
 * shortest mount point names it.
 */
export function realMounts(mounts: MountEntry[]): MountEntry[] {
  const byDevice = new Map<string, MountEntry>();
  for (const mount of mounts) {
    if (!REAL_FILESYSTEMS.has(mount.fsType)) continue;
    const known = byDevice.get(mount.device);
    if (!known || mount.mountPoint.length < known.mountPoint.length) byDevice.set(mount.device, mount);
  }
  return [...byDevice.values()].sort((a, b) => a.mountPoint.localeCompare(b.mountPoint));
}

export interface PidStat {
  pid: number;
  name: string;
  state: string;
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  threads: number;
}

/**
 * /proc/PID/stat. The command name sits in parentheses and may itself contain spaces and
 * parentheses ("(sd-pam)", "(my )( app)"), so the fields after it are found from the last ')'.
 */
export function parsePidStat(text: string): PidStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error('not a /proc/PID/stat line');
  const pid = Number(text.slice(0, open).trim());
  const name = text.slice(open + 1, close);
  // After the name: state(3) ppid(4) ... utime(14) stime(15) ... num_threads(20), 1-based per proc(5).
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const field = (number: number) => rest[number - 3] ?? '0';
  return {
    pid,
    name,
    state: field(3),
    ppid: Number(field(4)),
    cpuTicks: Number(field(14)) + Number(field(15)),
    threads: Number(field(20)),
  };
}

/** The lines of /proc/PID/status the process list needs: real uid and resident memory. */
export function parsePidStatus(text: string): { uid: number; rssBytes: number } {
  const uid = /^Uid:\s+(\d+)/m.exec(text);
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return { uid: uid ? Number(uid[1]) : -1, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

/** /proc/PID/cmdline: arguments separated (and ended) by NUL; empty for kernel threads. */
export function parseCmdline(raw: string): string {
  return raw.replace(/\0+$/, '').split('\0').join(' ');
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

/** /etc/passwd: `name:x:uid:gid:gecos:home:shell`; comments, blanks and NIS `+` lines are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length < 7) continue;
    const [name, , uid, gid, gecos, home, shell] = fields;
    if (!name || !/^\d+$/.test(uid!) || !/^\d+$/.test(gid!)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), gecos: gecos!, home: home!, shell: shell! });
  }
  return entries;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** /etc/group: `name:x:gid:member1,member2`. */
export function parseGroup(text: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const [name, , gid, members = ''] = line.split(':');
    if (!name || !gid || !/^\d+$/.test(gid)) continue;
    entries.push({ name, gid: Number(gid), members: members.split(',').map((member) => member.trim()).filter(Boolean) });
  }
  return entries;
}

/** Shells that refuse interactive logins: the account is a service account. */
export function isLoginShell(shell: string): boolean {
  return shell !== '' && !/(^|\/)(nologin|false|sync|shutdown|halt)$/.test(shell);
}
