import { describe, expect, it } from 'vitest';
import { nodePathSchema } from '../protocol';
import { checkNodePath, isInside, pathAncestors } from './paths';

const refusal = (input: unknown) => {
  const checked = checkNodePath(input);
  return checked.ok ? undefined : checked.reason;
};

describe('node path checks (security regressions)', () => {
  it('refuses relative paths, which resolve against the agent\'s working directory', () => {
    for (const input of ['../../etc/shadow', 'etc/passwd', './registration.json', '~/.ssh/id_rsa', '']) {
      expect(refusal(input), input).toBeDefined();
    }
    expect(refusal('../../etc/shadow')).toContain('must be absolute');
  });

  it('refuses NUL bytes, which would cut the path short in every C call', () => {
    expect(refusal('/etc/hostname\0.txt')).toBe('the path contains a NUL byte');
    expect(refusal('\0/etc/passwd')).toBe('the path contains a NUL byte');
  });

  it('refuses control characters, which would forge audit lines or inject download headers', () => {
    expect(refusal('/tmp/a\nAction: DeleteEverything')).toBe('the path contains control characters');
    expect(refusal('/tmp/a\r\nSet-Cookie: x=y')).toBe('the path contains control characters');
    expect(refusal('/tmp/\u001b[31mred')).toBe('the path contains control characters');
  });

  it('refuses paths longer than PATH_MAX and non-strings', () => {
    expect(refusal(`/${'a'.repeat(5000)}`)).toContain('longer than 4096');
    expect(refusal(42)).toBe('the path must be a string');
    expect(refusal(['/etc'])).toBe('the path must be a string');
  });

  it('normalises so the audit trail records the place really read', () => {
    expect(checkNodePath('/var/log/../../etc/shadow')).toEqual({ ok: true, path: '/etc/shadow' });
    expect(checkNodePath('/../../etc//passwd')).toEqual({ ok: true, path: '/etc/passwd' });
    expect(checkNodePath('/etc/./ssh/')).toEqual({ ok: true, path: '/etc/ssh' });
    expect(checkNodePath('/')).toEqual({ ok: true, path: '/' });
    expect(checkNodePath('//')).toEqual({ ok: true, path: '/' });
  });

  it('keeps legitimate names with spaces, unicode and shell metacharacters as data', () => {
    // No shell ever sees these paths, so they are only names.
    expect(checkNodePath('/srv/Shared Files/résumé; rm -rf $(id).txt')).toEqual({ ok: true, path: '/srv/Shared Files/résumé; rm -rf $(id).txt' });
  });

  it('is what the protocol schema applies on both sides', () => {
    expect(nodePathSchema.safeParse('../../etc/shadow').success).toBe(false);
    expect(nodePathSchema.parse('/etc/../etc/hostname')).toBe('/etc/hostname');
  });
});

describe('path helpers', () => {
  it('tells inside from a sibling with a common prefix', () => {
    expect(isInside('/var/lib/opsdeck/key', '/var/lib/opsdeck')).toBe(true);
    expect(isInside('/var/lib/opsdeck', '/var/lib/opsdeck')).toBe(true);
    expect(isInside('/var/lib/opsdeck-other/key', '/var/lib/opsdeck')).toBe(false);
  });

  it('lists breadcrumbs', () => {
    expect(pathAncestors('/etc/ssh')).toEqual(['/', '/etc', '/etc/ssh']);
    expect(pathAncestors('/')).toEqual(['/']);
  });
});
