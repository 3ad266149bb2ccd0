import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cpuPercent,
  isLoginShell,
  memoryUsage,
  parseCmdline,
  parseGroup,
  parseLoadavg,
  parseMeminfo,
  parseMounts,
  parseNetDev,
  parsePasswd,
  parsePidStat,
  parsePidStatus,
  parseProcStat,
  realMounts,
} from './proc';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('/proc/stat', () => {
  it('counts the cores and sums the first eight columns (guest time is already in user)', () => {
    const stat = parseProcStat(fixture('proc-stat-before.txt'));
    expect(stat.cores).toBe(2);
    expect(stat.cpu).toEqual({ total: 634_723, idle: 386_525 });
  });

  it('gives the busy share between two readings: 150 busy of 200 jiffies is 75 %', () => {
    const before = parseProcStat(fixture('proc-stat-before.txt')).cpu;
    const after = parseProcStat(fixture('proc-stat-after.txt')).cpu;
    expect(cpuPercent(before, after)).toBe(75);
    // No time passed (the same reading twice): 0, not NaN.
    expect(cpuPercent(after, after)).toBe(0);
  });

  it('refuses text without a cpu line', () => {
    expect(() => parseProcStat('intr 1 2 3\n')).toThrow('no cpu line');
  });
});

describe('/proc/meminfo', () => {
  it('reads kB values as bytes and takes MemAvailable for what is free', () => {
    const usage = memoryUsage(parseMeminfo(fixture('meminfo.txt')));
    expect(usage.totalBytes).toBe(24_684_084 * 1024);
    expect(usage.availableBytes).toBe(23_858_284 * 1024);
    expect(usage.usedBytes).toBe((24_684_084 - 23_858_284) * 1024);
    expect(usage.percent).toBeCloseTo(3.3, 1);
    expect(usage.swapUsedBytes).toBe((2_097_148 - 1_048_572) * 1024);
  });

  it('estimates available memory on kernels before 3.14 (no MemAvailable)', () => {
    const usage = memoryUsage(parseMeminfo(fixture('meminfo-old-kernel.txt')));
    expect(usage.availableBytes).toBe((102_400 + 51_200 + 204_800) * 1024);
  });

  it('keeps unit-less counters as they are', () => {
    expect(parseMeminfo(fixture('meminfo.txt')).HugePages_Total).toBe(0);
  });
});

describe('/proc/net/dev', () => {
  it('takes receive bytes from column 1 and transmit bytes from column 9, per interface', () => {
    expect(parseNetDev(fixture('net-dev.txt'))).toEqual([
      { interface: 'lo', rxBytes: 768_169_997, txBytes: 768_169_997 },
      { interface: 'eth0', rxBytes: 1_147_070_415, txBytes: 2_423_709 },
      { interface: 'docker0', rxBytes: 0, txBytes: 0 },
    ]);
  });
});

describe('/proc/loadavg', () => {
  it('reads the three averages', () => {
    expect(parseLoadavg('1.89 1.83 1.80 5/153 12579\n')).toEqual([1.89, 1.83, 1.8]);
  });
});

describe('/proc/mounts', () => {
  it('unescapes octal sequences in mount points', () => {
    expect(parseMounts(fixture('mounts.txt')).find((mount) => mount.device === '/dev/vdb')?.mountPoint).toBe('/srv/Shared Files');
  });

  it('keeps real file systems only, each device once under its shortest mount point', () => {
    const real = realMounts(parseMounts(fixture('mounts.txt')));
    expect(real.map((mount) => `${mount.mountPoint} ${mount.fsType}`)).toEqual([
      '/ overlay',
      // /etc/hosts, /etc/hostname and /etc/resolv.conf are bind-mounted files of the same disk.
      '/data ext4',
      '/mnt/nfs nfs4',
      '/srv/Shared Files xfs',
    ]);
    // No proc, sysfs, tmpfs, cgroup, devpts or squashfs snap.
    expect(real.some((mount) => ['proc', 'sysfs', 'tmpfs', 'cgroup2', 'devpts', 'squashfs'].includes(mount.fsType))).toBe(false);
  });
});

describe('/proc/PID files', () => {
  it('finds the fields after a command name that holds spaces and parentheses', () => {
    expect(parsePidStat(fixture('pid-stat.txt'))).toEqual({ pid: 1234, name: 'my )( app', state: 'S', ppid: 1, cpuTicks: 225, threads: 4 });
  });

  it('reads the real uid and the resident memory from status', () => {
    expect(parsePidStatus(fixture('pid-status.txt'))).toEqual({ uid: 1000, rssBytes: 51_200 * 1024 });
    // Kernel threads have no VmRSS.
    expect(parsePidStatus('Name:\tkthreadd\nUid:\t0\t0\t0\t0\n')).toEqual({ uid: 0, rssBytes: 0 });
  });

  it('joins NUL-separated arguments', () => {
    expect(parseCmdline('/usr/bin/node\0--import\0tsx\0server.ts\0')).toBe('/usr/bin/node --import tsx server.ts');
    expect(parseCmdline('')).toBe('');
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parsePidStat('garbage')).toThrow();
  });
});

describe('/etc/passwd and /etc/group', () => {
  it('reads users, skipping comments, short lines and NIS entries', () => {
    const users = parsePasswd(fixture('passwd.txt'));
    expect(users.map((user) => user.name)).toEqual(['root', 'daemon', 'postgres', 'alice', 'svc']);
    expect(users.find((user) => user.name === 'alice')).toEqual({ name: 'alice', uid: 1000, gid: 1000, gecos: 'Alice Example,Room 4,,', home: '/home/alice', shell: '/bin/zsh' });
  });

  it('reads groups with their members', () => {
    const groups = parseGroup(fixture('group.txt'));
    expect(groups.find((group) => group.name === 'docker')).toEqual({ name: 'docker', gid: 999, members: ['alice', 'postgres'] });
    expect(groups.find((group) => group.name === 'root')?.members).toEqual([]);
  });

  it('tells service accounts from login accounts by their shell', () => {
    expect(['/bin/bash', '/bin/zsh'].every(isLoginShell)).toBe(true);
    expect(['/usr/sbin/nologin', '/bin/false', '/bin/sync', ''].some(isLoginShell)).toBe(false);
  });
});
