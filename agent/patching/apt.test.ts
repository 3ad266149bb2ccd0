import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptInstallArgs, isSafePackage, parsePolicy, parseSimulation, releaseFileCandidates } from './apt';
import { parseDeb822, parseReleaseDate } from './deb822';

describe('apt output parsers', () => {
  it('reads upgrades and new dependencies from a simulated dist-upgrade', () => {
    const output = [
      'Inst libssl3 [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian:12.5/stable, Debian-Security:12/stable-security [amd64])',
      'Inst libc6:i386 [2.36-9] (2.36-9+deb12u4 Debian:12.5/stable [i386])',
      'Inst linux-image-6.1.0-18-amd64 (6.1.76-1 Debian-Security:12/stable-security [amd64])',
      'Conf libssl3 (3.0.11-1~deb12u2 Debian:12.5/stable [amd64])',
      'Remv old-thing [1.0]',
    ].join('\n');
    expect(parseSimulation(output)).toEqual([
      { name: 'libssl3', arch: 'amd64', installedVersion: '3.0.11-1~deb12u1', availableVersion: '3.0.11-1~deb12u2', releases: 'Debian:12.5/stable, Debian-Security:12/stable-security' },
      { name: 'libc6', arch: 'i386', installedVersion: '2.36-9', availableVersion: '2.36-9+deb12u4', releases: 'Debian:12.5/stable' },
      { name: 'linux-image-6.1.0-18-amd64', arch: 'amd64', installedVersion: undefined, availableVersion: '6.1.76-1', releases: 'Debian-Security:12/stable-security' },
    ]);
  });

  it("finds the indexes a package's candidate version comes from in apt-cache policy", () => {
    const output = [
      'libssl3:',
      '  Installed: 3.0.11-1~deb12u1',
      '  Candidate: 3.0.11-1~deb12u2',
      '  Version table:',
      '     3.0.11-1~deb12u2 500',
      '        500 http://deb.debian.org/debian bookworm/main amd64 Packages',
      '        500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages',
      ' *** 3.0.11-1~deb12u1 100',
      '        100 /var/lib/dpkg/status',
    ].join('\n');
    expect(parsePolicy(output).get('libssl3')).toEqual([
      'http://deb.debian.org/debian bookworm/main amd64 Packages',
      'http://deb.debian.org/debian-security bookworm-security/main amd64 Packages',
    ]);
  });

  it('finds the Release file beside a downloaded Packages index', () => {
    const lists = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-lists-'));
    try {
      const release = path.join(lists, 'deb.debian.org_debian-security_dists_bookworm-security_InRelease');
      fs.writeFileSync(release, '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: Debian\nDate: Sat, 10 Aug 2024 09:21:40 UTC\n');
      const candidates = releaseFileCandidates(path.join(lists, 'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4'), 'main/binary-amd64/Packages');
      expect(candidates[0]).toBe(release);
      expect(parseReleaseDate(/^Date:\s*(.+)$/m.exec(fs.readFileSync(release, 'utf8'))?.[1])).toBe(Date.UTC(2024, 7, 10, 9, 21, 40));
    } finally {
      fs.rmSync(lists, { recursive: true, force: true });
    }
  });

  it('parses deb822 stanzas with continuation lines', () => {
    expect(parseDeb822('Package: a\nDescription: short\n long text\n\nPackage: b\n')).toEqual([{ Package: 'a', Description: 'short\nlong text' }, { Package: 'b' }]);
  });
});

describe('apt command lines', () => {
  it('names each package as name:arch=version and never lets a value become an option', () => {
    const args = aptInstallArgs(
      [
        { name: 'opsdeck-demo', arch: 'all', version: '1.1' },
        { name: '-o', arch: 'all', version: '1' },
        { name: 'libfoo', arch: 'amd64', version: '1.0\nPin: release *' },
      ],
      [],
    );
    expect(args.slice(-1)).toEqual(['opsdeck-demo:all=1.1']);
    expect(args.filter((arg) => arg.startsWith('-o:') || arg.includes('Pin'))).toEqual([]);
  });

  it('accepts Debian names and versions only', () => {
    expect(isSafePackage('libc6:i386', '2.36-9+deb12u4')).toBe(true);
    expect(isSafePackage('--allow-unauthenticated')).toBe(false);
    expect(isSafePackage('pkg', '1.0 -y')).toBe(false);
  });
});
