import { describe, expect, it } from 'vitest';
import { compareVersions, newestVersion } from './version';

describe('agent versions', () => {
  it('orders numerically, not as text', () => {
    expect(compareVersions('0.10.0', '0.9.0')).toBe(1);
    expect(compareVersions('0.1.0', '0.2.0')).toBe(-1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
  });

  it('puts a pre-release before its release', () => {
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBe(1);
  });

  it('never takes garbage for the newest version', () => {
    expect(newestVersion(['0.1.0', 'banana', '0.3.0', '0.2.9'])).toBe('0.3.0');
    expect(newestVersion(['banana'])).toBeUndefined();
    expect(compareVersions('banana', '0.0.1')).toBe(-1);
  });
});
