import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, rpmVercmp } from './versions';

const sign = (value: number) => Math.sign(value);

describe('dpkg version ordering', () => {
  it.each([
    ['3.0.2-0ubuntu1.10', '3.0.15', -1], // textually 3.0.2 > 3.0.15: the reason this module exists
    ['1.0', '1.1', -1],
    ['1.0~rc1', '1.0', -1],
    ['1.0~~', '1.0~', -1],
    ['1.0~', '1.0~a', -1],
    ['1.0', '1.0+b1', -1],
    ['1.0a', '1.0+', -1],
    ['1:0.9', '2.0', 1],
    ['0:1.0', '1.0', 0],
    ['01', '1', 0],
    ['2.30-1', '2.30-1ubuntu1', -1],
    ['2.36-9+deb12u4', '2.36-9+deb12u10', -1],
    ['1.2.3-1', '1.2.3-1', 0],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(sign(compareVersions(a, b, 'dpkg'))).toBe(expected);
    expect(sign(compareVersions(b, a, 'dpkg'))).toBe(-expected || 0);
  });

  // The node's own tool is the reference: every pair must order as `dpkg --compare-versions` orders it.
  it.runIf(fs.existsSync('/usr/bin/dpkg'))('agrees with dpkg --compare-versions', () => {
    const versions = ['1.0', '1.0-1', '1.0-1~bpo1', '1:0.1', '1.0.0', '1.0a', '1.0+dfsg-2', '1.0~beta', '2.0-0ubuntu1', '10.0', '9.9.9', '1.01', '3.0.15-1~deb12u1', '3.0.2'];
    for (const a of versions) {
      for (const b of versions) {
        const dpkgSaysLess = (() => {
          try {
            execFileSync('/usr/bin/dpkg', ['--compare-versions', a, 'lt', b]);
            return true;
          } catch {
            return false;
          }
        })();
        expect(compareVersions(a, b, 'dpkg') < 0, `${a} < ${b}`).toBe(dpkgSaysLess);
      }
    }
  });
});

describe('rpm version ordering (rpm’s own rpmvercmp.at cases)', () => {
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '2.0', -1],
    ['2.0.1a', '2.0.1', 1],
    ['5.5p1', '5.5p2', -1],
    ['5.5p10', '5.5p1', 1],
    ['10xyz', '10.1xyz', -1],
    ['xyz.4', '8', -1],
    ['8', 'xyz.4', 1],
    ['6.0.rc1', '6.0', 1],
    ['10b2', '10a1', 1],
    ['1.0aa', '1.0a', 1],
    ['10.0001', '10.1', 0],
    ['4.999.9', '5.0', -1],
    ['2.0', '2_0', 0],
    ['a+', 'a_', 0],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1~git123', '1.0~rc1', -1],
    ['1.0^', '1.0', 1],
    ['1.0^git1', '1.01', -1],
    ['1.0^20160101^git1', '1.0^20160101', 1],
    ['1.0^git1~pre', '1.0^git1', -1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(sign(rpmVercmp(a, b))).toBe(expected);
  });

  it('compares epoch, then version, then release', () => {
    expect(compareVersions('1:1.0-1.el9', '2.0-1.el9', 'rpm')).toBeGreaterThan(0);
    expect(compareVersions('3.0.7-27.el9', '3.0.7-25.el9', 'rpm')).toBeGreaterThan(0);
    expect(compareVersions('3.0.7-27.el9', '3.0.15-1.el9', 'rpm')).toBeLessThan(0);
  });
});
