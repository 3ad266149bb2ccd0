import { describe, expect, it } from 'vitest';
import { dnfInstallArgs, parseCheckUpdate, parseUpdateinfoInfo, parseUpdateinfoList, splitNevra } from './dnf';

// dnf cannot run on this Debian machine: these cover its parsers with output copied from dnf 4 and yum 3.
describe('dnf output parsers', () => {
  it('reads check-update, including yum lines wrapped after a long name, and stops at obsoletes', () => {
    const output = [
      'Last metadata expiration check: 0:10:01 ago on Mon 01 Dec 2026.',
      '',
      'openssl.x86_64                  1:3.0.7-6.el9_2             rhel-9-baseos',
      'a-very-long-package-name-that-wraps.noarch',
      '                                2.0-1.el9                   appstream',
      'Obsoleting Packages',
      'grub2-tools.x86_64              1:2.06-70.el9               baseos',
    ].join('\n');
    expect(parseCheckUpdate(output)).toEqual([
      { name: 'openssl', arch: 'x86_64', version: '1:3.0.7-6.el9_2', repository: 'rhel-9-baseos' },
      { name: 'a-very-long-package-name-that-wraps', arch: 'noarch', version: '2.0-1.el9', repository: 'appstream' },
    ]);
  });

  it('classifies from updateinfo list, security first', () => {
    const list = parseUpdateinfoList(
      ['RHBA-2023:1000 bugfix        openssl-1:3.0.7-6.el9_2.x86_64', 'RHSA-2023:1234 Important/Sec. openssl-1:3.0.7-6.el9_2.x86_64', 'RHEA-2023:2000 enhancement   vim-9.0-1.el9.x86_64'].join('\n'),
    );
    expect(list.get('openssl.x86_64')).toEqual({ id: 'RHSA-2023:1234', classification: 'Security', severity: 'Important' });
    expect(list.get('vim.x86_64')).toEqual({ id: 'RHEA-2023:2000', classification: 'Enhancement', severity: '' });
  });

  it('reads issued dates and CVEs from updateinfo info', () => {
    const info = parseUpdateinfoInfo(
      ['  Update ID: RHSA-2023:1234', '       Type: security', '     Issued: 2023-05-10 00:00:00', '       CVEs: CVE-2023-0286', '           : CVE-2023-0215', '   Severity: Important'].join('\n'),
    );
    expect(info.get('RHSA-2023:1234')).toEqual({ issued: Date.UTC(2023, 4, 10), cveIds: ['CVE-2023-0286', 'CVE-2023-0215'] });
  });

  it('splits name-epoch:version-release.arch', () => {
    expect(splitNevra('openssl-libs-1:3.0.7-6.el9_2.x86_64')).toEqual({ name: 'openssl-libs', arch: 'x86_64' });
  });

  it('never lets a package value become an option', () => {
    expect(dnfInstallArgs([{ name: '--nogpgcheck', arch: 'x86_64', version: '1-1' }, { name: 'openssl', arch: 'x86_64', version: '1:3.0.7-6.el9' }], [])).toEqual([
      '-y',
      '-q',
      'upgrade',
      'openssl-1:3.0.7-6.el9.x86_64',
    ]);
  });
});
