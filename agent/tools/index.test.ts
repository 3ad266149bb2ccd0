import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metricsSampleSchema, osUsersSchema, processListSchema } from '../protocol';
import { ToolRunner } from './index';

const request = (tool: string, args: unknown = {}) => ({ requestId: randomUUID(), tool, args });

describe('tool runner', () => {
  const runner = new ToolRunner();

  it('answers a metrics sample from this machine that the protocol accepts', async () => {
    const response = await runner.handle(request('metrics.sample'));
    expect(response.ok).toBe(true);
    const sample = metricsSampleSchema.parse(response.ok && response.result);
    expect(sample.memory.totalBytes).toBeGreaterThan(0);
    expect(sample.disks.some((disk) => disk.mountPoint === '/')).toBe(true);
    expect(sample.cpu.percent).toBeGreaterThanOrEqual(0);
  });

  it('lists this process among the processes, with its command line', async () => {
    const response = await runner.handle(request('processes.list'));
    const list = processListSchema.parse(response.ok && response.result);
    const me = list.processes.find((entry) => entry.pid === process.pid);
    expect(me?.command).toContain('node');
    expect(list.total).toBeGreaterThanOrEqual(list.processes.length);
  });

  it('lists OS users without password hashes', async () => {
    const response = await runner.handle(request('users.list'));
    const users = osUsersSchema.parse(response.ok && response.result);
    expect(users.users.find((user) => user.uid === 0)?.name).toBe('root');
    expect(JSON.stringify(users)).not.toMatch(/\$6\$|\$y\$/);
  });

  it('refuses unknown tools by name, and bad arguments field by field', async () => {
    expect(await runner.handle(request('shell.exec', { command: 'id' }))).toMatchObject({ ok: false, error: { code: 'UnknownTool' } });
    expect(await runner.handle(request('files.read', { path: '/etc/hostname', offset: 0, length: 10 * 1024 * 1024, purpose: 'view' }))).toMatchObject({
      ok: false,
      error: { code: 'ValidationException', message: expect.stringContaining('length') },
    });
    expect(await runner.handle(request('files.list', { path: '/etc', recursive: true }))).toMatchObject({ ok: false, error: { code: 'ValidationException' } });
    expect(await runner.handle({ tool: 'metrics.sample' })).toMatchObject({ ok: false, error: { code: 'ValidationException' } });
  });

  it('refuses more concurrent requests than it serves, instead of queueing without bound', async () => {
    const small = new ToolRunner({ maxConcurrent: 1 });
    const [first, second] = await Promise.all([small.handle(request('processes.list')), small.handle(request('users.list'))]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'AgentBusy' } });
  });
});
