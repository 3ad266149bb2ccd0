import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnosis, runDiagnosis } from './diagnose';
import { writeRegistration } from './state';

// A real HTTP server standing in for Opsdeck's /api/health, with a clock we can set.
let server: http.Server;
let serverUrl: string;
let serverClockOffsetMs = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.sendDate = false;
    res.setHeader('date', new Date(Date.now() + serverClockOffsetMs).toUTCString());
    if (req.url === '/api/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","db":"ok"}');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function stateDirFor(url: string): string {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-diagnose-'));
  writeRegistration(stateDir, { serverUrl: url, nodeId: 'mi-0123456789abcdef0', secret: 'x'.repeat(43), registeredAt: new Date().toISOString() });
  fs.chmodSync(stateDir, 0o700);
  return stateDir;
}

const statusOf = (checks: { name: string; status: string }[]) => Object.fromEntries(checks.map((check) => [check.name, check.status]));

describe('agent diagnose', () => {
  it('passes every check against a healthy server with a matching clock', async () => {
    serverClockOffsetMs = 0;
    const run = await runDiagnosis(stateDirFor(serverUrl));
    expect(statusOf(run.report.checks)).toEqual({ registration: 'ok', 'credentials-file': 'ok', dns: 'skipped', tcp: 'ok', tls: 'skipped', http: 'ok', clock: 'ok' });
    expect(run.isServerReachable).toBe(true);
    expect(Math.abs(run.report.clockSkewMs!)).toBeLessThan(2000);
    const text = formatDiagnosis(run.report, 'mi-0123456789abcdef0');
    expect(text).toContain('[ ok ] http');
    expect(text).toContain('Everything checked is fine.');
  });

  it('measures a clock that is off and says which way', async () => {
    serverClockOffsetMs = -120_000; // the server is two minutes behind: this node is ahead
    const run = await runDiagnosis(stateDirFor(serverUrl));
    const clock = run.report.checks.find((check) => check.name === 'clock')!;
    expect(clock.status).toBe('warning');
    expect(clock.summary).toMatch(/this node's clock is 1[12]\d s ahead of the server's/);
    expect(run.report.clockSkewMs).toBeGreaterThan(110_000);
    serverClockOffsetMs = 0;
  });

  it('warns when the credentials file is readable by others', async () => {
    const stateDir = stateDirFor(serverUrl);
    fs.chmodSync(path.join(stateDir, 'registration.json'), 0o644);
    const check = (await runDiagnosis(stateDir)).report.checks.find((entry) => entry.name === 'credentials-file')!;
    expect(check.status).toBe('warning');
    expect(check.summary).toContain('is mode 0644: other users can read the node secret');
  });

  it('names a refused connection and skips what depends on it', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runDiagnosis(stateDirFor(`http://127.0.0.1:${port}`));
    const tcp = run.report.checks.find((check) => check.name === 'tcp')!;
    expect(tcp).toMatchObject({ status: 'fail', summary: `127.0.0.1:${port} refused the connection: nothing listens there (is the server running on that port?)` });
    expect(statusOf(run.report.checks)).toMatchObject({ tls: 'skipped', http: 'skipped', clock: 'skipped' });
    expect(run.isServerReachable).toBe(false);
  });

  it('names a host that does not resolve', async () => {
    const run = await runDiagnosis(stateDirFor('http://opsdeck.invalid:3000'));
    expect(run.report.checks.find((check) => check.name === 'dns')).toMatchObject({ status: 'fail', summary: expect.stringContaining('opsdeck.invalid does not resolve') });
  });

  it('says when there is no registration at all', async () => {
    const run = await runDiagnosis(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-empty-')));
    expect(run.report.checks[0]).toMatchObject({ name: 'registration', status: 'fail', summary: expect.stringContaining("run 'npm run agent -- register' first") });
    expect(run.registration).toBeNull();
  });
});
