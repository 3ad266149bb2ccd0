import { describe, expect, it } from 'vitest';
import { forwardHostSchema, osUserNameSchema, sessionInputSchema, sessionOpenSchema } from '../protocol';

/** Security regressions: the values of a session that reach useradd, setpriv and connect(). */
describe('Session Manager allow-lists (injection regressions)', () => {
  it('keeps run-as names to plain user names: no options for useradd/setpriv, no paths, no shell text', () => {
    for (const name of ['opsdeck-user', 'ubuntu', '_svc', 'a1']) expect(osUserNameSchema.safeParse(name).success).toBe(true);
    for (const name of ['-oProxyCommand=x', '--help', 'root;id', '../etc/passwd', 'a b', 'Root', '$(id)', 'x'.repeat(33), '']) {
      expect(osUserNameSchema.safeParse(name).success, name).toBe(false);
    }
  });

  it('keeps forwarding hosts to names and addresses: no options, spaces or shell text reach connect()', () => {
    for (const host of ['localhost', '10.0.0.5', 'db.internal', 'fe80::1']) expect(forwardHostSchema.safeParse(host).success).toBe(true);
    for (const host of ['-oProxyCommand=x', 'a b', '$(id)', 'host;id', '/etc/hosts', '']) expect(forwardHostSchema.safeParse(host).success, host).toBe(false);
  });

  it('refuses sessions without what their kind needs, and session ids not issued by the server', () => {
    const base = { sessionId: 'alice-0123456789abcdef0', runAs: 'opsdeck-user', cols: 80, rows: 24 };
    expect(sessionOpenSchema.safeParse({ ...base, kind: 'command' }).success).toBe(false);
    expect(sessionOpenSchema.safeParse({ ...base, kind: 'port' }).success).toBe(false);
    expect(sessionOpenSchema.safeParse({ ...base, kind: 'shell', sessionId: '../x-0123456789abcdef0' }).success).toBe(false);
    expect(sessionOpenSchema.parse({ ...base, kind: 'shell' }).graceSeconds).toBe(600);
  });

  it('bounds input chunks', () => {
    expect(sessionInputSchema.safeParse({ sessionId: 'alice-0123456789abcdef0', data: Buffer.alloc(256 * 1024) }).success).toBe(true);
    expect(sessionInputSchema.safeParse({ sessionId: 'alice-0123456789abcdef0', data: Buffer.alloc(256 * 1024 + 1) }).success).toBe(false);
    expect(sessionInputSchema.safeParse({ sessionId: 'alice-0123456789abcdef0', data: 'text' }).success).toBe(false);
  });
});
