import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerAgentProcess, newStateDir, startAgentProcess } from '../support/agents';
import { awsCli, BOOTSTRAP_ENV, BOOTSTRAP_KEY } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { ROOT, runCommand, spawnTs, waitFor, type RunningProcess } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { SessionTerminal } from '../support/session-terminal';
import { startTestSshd, type TestSshd } from '../support/sshd';
import { createTestDatabase } from '../support/test-postgres';

/** The build this suite runs against (OPSDECK_NEXT_DIST, so a build under way elsewhere is not disturbed). */
const NEXT_DIST = process.env.OPSDECK_NEXT_DIST;

interface SessionView {
  sessionId: string;
  status: string;
  owner: string;
  runAs: string;
  reason?: string;
  canTerminate: boolean;
  canResume: boolean;
}

describe('Session Manager with a real agent and PTY', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let terminal: SessionTerminal;
  let agent: RunningProcess;
  let nodeId: string;
  let databaseUrl: string;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sessions-'));
  const cliEnv = () => ({ AWS_ACCESS_KEY_ID: BOOTSTRAP_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: BOOTSTRAP_KEY.secretAccessKey, OPSDECK_ENDPOINT: server.url });

  async function setPreferences(changes: Record<string, unknown>) {
    const current = (await admin.request<Record<string, unknown>>('GET', '/api/sessions/preferences')).body;
    const { status, body } = await admin.request('PUT', '/api/sessions/preferences', { ...current, ...changes });
    expect(status, JSON.stringify(body)).toBe(200);
  }

  async function view(sessionId: string): Promise<SessionView> {
    return (await admin.request<SessionView>('GET', `/api/sessions/${sessionId}`)).body;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'sessions');
    server = await startServer({ databaseUrl, env: { ...BOOTSTRAP_ENV, ...(NEXT_DIST ? { OPSDECK_NEXT_DIST: NEXT_DIST } : {}) } });
    admin = await ConsoleClient.signIn(server.url);
    const activation = await admin.createActivation();
    const stateDir = newStateDir();
    const registered = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir, name: 'session-node' });
    nodeId = registered.nodeId!;
    agent = startAgentProcess(stateDir);
    await waitFor('the node online', async () => (await admin.pingStatusOf(nodeId)) === 'Online', 30_000);
    terminal = new SessionTerminal(server.url, admin.cookie);
    await terminal.connected();
  });

  afterAll(async () => {
    terminal?.close();
    agent?.child.kill('SIGTERM');
    await agent?.exited;
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('runs a command in a real shell, follows resizes, and ends on terminate', async () => {
    const sessionId = await terminal.open(nodeId, { cols: 100, rows: 30 });
    expect(sessionId).toMatch(/^admin-[0-9a-f]{17}$/);
    terminal.type(sessionId, 'echo $((6*7))\r');
    // The echo of what was typed holds `$((6*7))`, never `42`: only the shell's answer does.
    await terminal.waitForText(sessionId, /[\r\n]42\r\n/);
    terminal.type(sessionId, 'stty size\r');
    await terminal.waitForText(sessionId, '30 100');
    terminal.resize(sessionId, 132, 43);
    terminal.type(sessionId, 'stty size; id -un\r');
    await terminal.waitForText(sessionId, '43 132');
    // The agent runs as root here, so the session runs as the unprivileged user it created.
    await terminal.waitForText(sessionId, 'opsdeck-user');
    expect(await view(sessionId)).toMatchObject({ status: 'Connected', owner: 'admin', runAs: 'opsdeck-user', canTerminate: true });
    const terminated = await admin.request('POST', `/api/sessions/${sessionId}/terminate`);
    expect(terminated).toEqual({ status: 200, body: { ok: true } });
    expect(await terminal.waitForEnd(sessionId)).toMatchObject({ status: 'Terminated', reason: 'terminated by admin' });
    expect(await view(sessionId)).toMatchObject({ status: 'Terminated', reason: 'terminated by admin', canTerminate: false });
    const audit = (await admin.request<{ events: { action: string; result: string }[] }>('GET', '/api/audit?action=TerminateSession')).body.events;
    expect(audit.some((event) => event.result === 'Success')).toBe(true);
  });

  it('records input and output with timing, encrypted at rest, and replays exactly the bytes seen', async () => {
    const sessionId = await terminal.open(nodeId);
    const marker = `marker-${randomBytes(6).toString('hex')}`;
    terminal.type(sessionId, `printf '%s \\342\\202\\254 done\\n' ${marker}\r`);
    await terminal.waitForText(sessionId, `${marker} € done`);
    terminal.resize(sessionId, 90, 20);
    terminal.type(sessionId, 'exit\r');
    const ended = await terminal.waitForEnd(sessionId);
    expect(ended.reason).toMatch(/exited with code 0/);
    const response = await fetch(`${server.url}/api/sessions/${sessionId}/recording?download=1`, { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-asciicast');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${sessionId}.cast"`);
    const lines = (await response.text()).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ version: 2, width: 80, height: 24 });
    const events = lines.slice(1).map((line) => JSON.parse(line) as [number, string, string]);
    const output = events.filter(([, code]) => code === 'o').map(([, , data]) => data).join('');
    expect(output).toBe(terminal.text(sessionId));
    expect(events.filter(([, code]) => code === 'i').map(([, , data]) => data).join('')).toContain(`${marker}\r`);
    expect(events.some(([, code, data]) => code === 'r' && data === '90x20')).toBe(true);
    const times = events.map(([time]) => time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // At rest it is ciphertext: the marker is nowhere in the table.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = await client.query<{ ciphertext: string }>('select ciphertext from session_recordings where session_id = $1', [sessionId]);
    await client.end();
    expect(stored.rows.length).toBeGreaterThan(0);
    expect(stored.rows.every((row) => !row.ciphertext.includes(marker) && row.ciphertext.startsWith('v1.'))).toBe(true);
    // And it is found by text search.
    const search = await admin.request<{ results: { sessionId: string; matches: { time: number; text: string }[] }[] }>('GET', `/api/sessions/search?q=${marker}`);
    const found = search.body.results.find((result) => result.sessionId === sessionId);
    expect(found?.matches.some((match) => match.text.includes(`${marker} € done`))).toBe(true);
  });

  it('refuses a user without ssm:StartSession on the node, and audits the refusal', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'vic', password: 'vic-password-1' });
    // SessionOperator allows sessions only on nodes tagged Environment=dev; this node is not.
    await admin.request('POST', '/api/iam/attachments', { policyName: 'SessionOperator', principalType: 'user', principalName: 'vic' });
    const vic = await ConsoleClient.signIn(server.url, 'vic', 'vic-password-1');
    const vicTerminal = new SessionTerminal(server.url, vic.cookie);
    await vicTerminal.connected();
    const refused = await vicTerminal.start(nodeId);
    vicTerminal.close();
    expect(refused).toMatchObject({ ok: false, error: 'AccessDeniedException' });
    expect(refused.message).toContain(`ssm:StartSession on resource: arn:opsdeck:ssm:us-east-1:`);
    const events = (await admin.request<{ events: { action: string; username: string; result: string; errorCode: string }[] }>('GET', '/api/audit?action=StartSession&username=vic')).body.events;
    expect(events[0]).toMatchObject({ action: 'StartSession', username: 'vic', result: 'Failure', errorCode: 'AccessDeniedException' });
    // Nor may vic attach to, terminate, or read the recording of admin's sessions.
    const adminSession = await terminal.open(nodeId);
    const intruder = new SessionTerminal(server.url, vic.cookie);
    await intruder.connected();
    await expect(intruder.attach(adminSession)).rejects.toThrow(/AccessDeniedException: Session .* belongs to admin/);
    expect(await intruder.request('session:terminate', { sessionId: adminSession })).toMatchObject({ ok: false, error: 'AccessDeniedException' });
    intruder.close();
    expect((await view(adminSession)).status).toBe('Connected');
    await terminal.request('session:terminate', { sessionId: adminSession });
    const history = (await admin.request<{ sessions: SessionView[] }>('GET', '/api/sessions?state=History')).body.sessions;
    const recording = await fetch(`${server.url}/api/sessions/${history[0]!.sessionId}/recording`, { headers: { cookie: vic.cookie } });
    expect(recording.status).toBe(400);
    expect(((await recording.json()) as { __type: string }).__type).toBe('AccessDeniedException');
  });

  it('ends an idle session after a warning, output counting as activity', async () => {
    await setPreferences({ idleTimeoutMinutes: 0.1 });
    try {
      const busy = await terminal.open(nodeId);
      const idle = await terminal.open(nodeId);
      // Prints for 9 s without any input: output keeps it alive past the 6 s timeout.
      terminal.type(busy, 'for i in 1 2 3 4 5 6 7 8 9; do echo progress-$i; sleep 1; done\r');
      const ended = await terminal.waitForEnd(idle, 20_000);
      expect(ended.reason).toMatch(/idle for 6 seconds/);
      expect(terminal.idleWarnings.some((warning) => warning.sessionId === idle && warning.secondsLeft <= 3)).toBe(true);
      await terminal.waitForText(busy, 'progress-9', 15_000);
      expect(terminal.statuses.some((status) => status.sessionId === busy && status.status === 'Terminated')).toBe(false);
      await terminal.waitForEnd(busy, 20_000);
    } finally {
      await setPreferences({ idleTimeoutMinutes: 20 });
    }
  });

  it('ends a session at its maximum duration, busy or not', async () => {
    await setPreferences({ maxDurationMinutes: 0.05 });
    try {
      const sessionId = await terminal.open(nodeId);
      terminal.type(sessionId, 'while true; do echo busy; sleep 0.5; done\r');
      const ended = await terminal.waitForEnd(sessionId, 15_000);
      expect(ended.reason).toMatch(/maximum session duration of 3 seconds/);
      expect(await view(sessionId)).toMatchObject({ status: 'Terminated', reason: ended.reason });
    } finally {
      await setPreferences({ maxDurationMinutes: 0 });
    }
  });

  it('resumes after the browser drops: a new socket reattaches and gets what it missed', async () => {
    const sessionId = await terminal.open(nodeId);
    terminal.type(sessionId, 'sleep 2; echo missed-while-away\r');
    await terminal.waitForText(sessionId, 'sleep 2');
    const seen = terminal.lastSeq.get(sessionId)!;
    terminal.close();
    await waitFor('the session to wait for its client', async () => (await view(sessionId)).status === 'Disconnected', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    terminal = new SessionTerminal(server.url, admin.cookie);
    await terminal.connected();
    terminal.lastSeq.set(sessionId, seen);
    await terminal.attach(sessionId);
    await terminal.waitForText(sessionId, 'missed-while-away');
    expect(terminal.text(sessionId)).not.toContain('sleep 2;');
    await terminal.request('session:terminate', { sessionId });
  });

  it('resumes after the agent drops: the node replays what the server lacks, nothing twice', async () => {
    const sessionId = await terminal.open(nodeId);
    terminal.type(sessionId, 'for i in $(seq 1 12); do echo tick-$i; sleep 1; done; echo loop-$((6*7))-done\r');
    await terminal.waitForText(sessionId, 'tick-2\r\n');
    // A frozen agent: the server finds the connection dead (ping timeout) and waits for the node.
    agent.child.kill('SIGSTOP');
    try {
      await waitFor('the session to wait for its node', async () => terminal.statuses.some((status) => status.sessionId === sessionId && /node's connection dropped/.test(status.reason ?? '')), 20_000);
    } finally {
      agent.child.kill('SIGCONT');
    }
    await terminal.waitForText(sessionId, 'loop-42-done\r\n', 40_000);
    const ticks = terminal.text(sessionId).match(/tick-\d+\r\n/g);
    expect(ticks).toEqual(Array.from({ length: 12 }, (_, index) => `tick-${index + 1}\r\n`));
    expect((await view(sessionId)).status).toBe('Connected');
    await terminal.request('session:terminate', { sessionId });
  });

  it('moves files through a session as its OS user', async () => {
    const sessionId = await terminal.open(nodeId);
    const content = randomBytes(700 * 1024);
    const target = `/tmp/opsdeck-upload-${randomBytes(4).toString('hex')}`;
    const upload = await fetch(`${server.url}/api/sessions/${sessionId}/files?path=${encodeURIComponent(target)}`, { method: 'POST', headers: { cookie: admin.cookie }, body: content });
    expect(await upload.json()).toEqual({ path: target, bytes: content.length });
    expect(fs.statSync(target).uid).not.toBe(0);
    const download = await fetch(`${server.url}/api/sessions/${sessionId}/files?path=${encodeURIComponent(target)}`, { headers: { cookie: admin.cookie } });
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    const refused = await fetch(`${server.url}/api/sessions/${sessionId}/files?path=/root/not-yours`, { method: 'POST', headers: { cookie: admin.cookie }, body: 'x' });
    expect(((await refused.json()) as { __type: string }).__type).toBe('NodePermissionDenied');
    const audit = (await admin.request<{ events: { action: string; requestParameters: { path: string } }[] }>('GET', '/api/audit?action=UploadSessionFile')).body.events;
    expect(audit.some((event) => event.requestParameters.path === target)).toBe(true);
    fs.rmSync(target, { force: true });
    await terminal.request('session:terminate', { sessionId });
  });

  it('lists sessions through the real AWS CLI and terminates one with it', async () => {
    const sessionId = await terminal.open(nodeId);
    const active = await awsCli(server.url, ['describe-sessions', '--state', 'Active']);
    expect(active.code, active.stderr).toBe(0);
    const listed = (active.json as { Sessions: { SessionId: string; Target: string; Status: string; Owner: string }[] }).Sessions;
    expect(listed.find((session) => session.SessionId === sessionId)).toMatchObject({ Target: nodeId, Status: 'Connected' });
    const resumed = await awsCli(server.url, ['resume-session', '--session-id', sessionId]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.json).toMatchObject({ SessionId: sessionId, TokenValue: expect.any(String), StreamUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/session-stream\?sessionId=/) });
    const terminated = await awsCli(server.url, ['terminate-session', '--session-id', sessionId]);
    expect(terminated.json).toEqual({ SessionId: sessionId });
    await terminal.waitForEnd(sessionId);
    const history = await awsCli(server.url, ['describe-sessions', '--state', 'History', '--filters', `key=SessionId,value=${sessionId}`]);
    expect((history.json as { Sessions: { Status: string }[] }).Sessions).toMatchObject([{ Status: 'Terminated' }]);
  });

  it('runs a shell from the opsdeck CLI (StartSession, then the stream with its token)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/opsdeck.ts', 'session', 'start', '--target', nodeId, '--reason', 'checking the disk'], { cwd: ROOT, env: { ...process.env, ...cliEnv() }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.write('echo cli-$((6*7))-ok\nexit 0\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('cli-42-ok');
    expect(stderr).toMatch(/Starting session with SessionId: admin-[0-9a-f]{17}/);
    expect(stderr).toMatch(/Exiting session .*Terminated: the shell exited with code 0/);
    const sessionId = /SessionId: (admin-[0-9a-f]{17})/.exec(stderr)![1]!;
    // The client hears the end a moment before the row says so.
    const described = await waitFor('the session in the history', async () => {
      const history = await awsCli(server.url, ['describe-sessions', '--state', 'History', '--filters', `key=SessionId,value=${sessionId}`]);
      return (history.json as { Sessions: unknown[] } | undefined)?.Sessions.length ? history : undefined;
    }, 10_000);
    expect((described.json as { Sessions: unknown[] }).Sessions).toMatchObject([{ SessionId: sessionId, Reason: 'checking the disk', Details: expect.stringContaining('ended: the shell exited with code 0') }]);
  });

  it('forwards a local port to a TCP echo server through the node', async () => {
    const echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoPort = (echo.address() as net.AddressInfo).port;
    const cli = spawnTs('server/cli/opsdeck.ts', ['port-forward', '--target', nodeId, '--remote-port', String(echoPort), '--local-port', '0'], cliEnv());
    try {
      const localPort = await waitFor('the local port', async () => {
        if (cli.child.exitCode !== null) throw new Error(cli.output());
        const line = cli.output().split('\n').find((text) => text.startsWith('{"localPort"'));
        return line ? (JSON.parse(line) as { localPort: number }).localPort : undefined;
      }, 20_000);
      // Several MiB each way: both directions' flow control (output acks, input acks) pause and resume.
      const payload = randomBytes(8 * 1024 * 1024);
      const echoed = await new Promise<Buffer>((resolve, reject) => {
        const socket = net.connect(localPort, '127.0.0.1');
        const chunks: Buffer[] = [];
        let received = 0;
        socket.on('data', (chunk) => {
          chunks.push(chunk);
          received += chunk.length;
          if (received >= payload.length) {
            socket.end();
            resolve(Buffer.concat(chunks));
          }
        });
        socket.on('error', reject);
        socket.write(payload);
      });
      expect(echoed.length).toBe(payload.length);
      expect(echoed.equals(payload)).toBe(true);
    } finally {
      cli.child.kill('SIGTERM');
      echo.close();
    }
  });

  it('carries ssh through the proxy command to a test sshd', async () => {
    let sshd: TestSshd | undefined;
    try {
      sshd = await startTestSshd(path.join(scratch, 'sshd'));
      const proxy = `npm run -s opsdeck -- ssh-proxy %h --port ${sshd.port}`;
      const result = await runCommand(
        '/usr/bin/ssh',
        ['-F', '/dev/null', '-o', `ProxyCommand=${proxy}`, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-i', sshd.keyPath, `${sshd.user}@${nodeId}`, 'echo ssh-through-session-$((6*7))'],
        cliEnv(),
      );
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('ssh-through-session-42\n');
      // The session ends once the proxy has gone (it closes its stream as ssh exits).
      const ended = await waitFor('the SSH session in the history', async () => {
        const history = (await admin.request<{ sessions: (SessionView & { documentName: string; kind: string })[] }>('GET', '/api/sessions?state=History')).body.sessions;
        return history.find((session) => session.documentName === 'AWS-StartSSHSession');
      }, 10_000);
      expect(ended).toMatchObject({ kind: 'ssh', status: 'Terminated' });
    } finally {
      await sshd?.stop();
    }
  });
});
