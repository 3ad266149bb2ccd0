import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { Agent } from '@/agent/agent';
import { collectMetadata } from '@/agent/metadata';
import { readRegistration } from '@/agent/state';
import { startServer, type TestServer } from '../support/server';
import { ConsoleClient } from '../support/console-client';
import { createTestDatabase } from '../support/test-postgres';
import { newStateDir, registerAgentProcess, startAgentProcess } from '../support/agents';
import { runTs, waitFor, type RunningProcess } from '../support/processes';

interface AuditEvent {
  username: string | null;
  action: string;
  result: string;
  errorCode: string | null;
  resources: string[];
  requestParameters: Record<string, unknown>;
}

describe('node tools: live views through a real agent, authorised and audited', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let activation: { activationId: string; activationCode: string };
  let nodeId: string;
  let stateDir: string;
  let agent: RunningProcess;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-node-tools-'));
  const inProcessAgents: Agent[] = [];

  const api = (id = nodeId) => `/api/nodes/${id}`;
  const audit = async (query: string) => (await admin.request<{ events: AuditEvent[] }>('GET', `/api/audit?${query}`)).body.events;
  const register = async (name: string) => {
    const dir = newStateDir();
    const registered = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir: dir, name });
    expect(registered.code, `${registered.output}\n--- server ---\n${server.process.output().slice(-3000)}`).toBe(0);
    return { nodeId: registered.nodeId!, stateDir: dir };
  };

  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'node_tools') });
    admin = await ConsoleClient.signIn(server.url);
    activation = await admin.createActivation({ registrationLimit: 10, tags: { Environment: 'dev' } });
    ({ nodeId, stateDir } = await register('tools-node'));
    agent = startAgentProcess(stateDir);
    await waitFor('the agent Online', async () => (await admin.pingStatusOf(nodeId)) === 'Online', 30_000);
  });

  afterAll(async () => {
    agent?.child.kill('SIGKILL');
    await Promise.all(inProcessAgents.map((running) => running.stop()));
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('samples live metrics of this machine', async () => {
    const { status, body } = await admin.request<{ sample: { cpu: { cores: number; percent: number }; memory: { totalBytes: number }; disks: { mountPoint: string }[]; load: number[] } }>('GET', `${api()}/metrics`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.sample.cpu.cores).toBe(os.cpus().length);
    expect(body.sample.memory.totalBytes).toBe(os.totalmem());
    expect(body.sample.disks.map((disk) => disk.mountPoint)).toContain('/');
    expect(body.sample.load).toHaveLength(3);
  });

  it('lists processes, the agent itself among them with its command line', async () => {
    const { status, body } = await admin.request<{ total: number; processes: { pid: number; command: string; user: string }[] }>('GET', `${api()}/processes`);
    expect(status).toBe(200);
    const self = body.processes.find((process) => process.pid === agent.child.pid);
    expect(self?.command).toContain('agent/cli.ts start');
    expect(self?.user).toBe(os.userInfo().username);
    expect(body.total).toBeGreaterThanOrEqual(body.processes.length);
  });

  it('lists /etc and reads /etc/hostname exactly as it is on disk', async () => {
    const listing = await admin.request<{ path: string; entries: { name: string; type: string; size: number }[] }>('GET', `${api()}/files?path=/etc`);
    expect(listing.status).toBe(200);
    const hostname = listing.body.entries.find((entry) => entry.name === 'hostname');
    expect(hostname).toMatchObject({ type: 'file', size: fs.statSync('/etc/hostname').size });
    expect(listing.body.entries.find((entry) => entry.name === 'passwd')?.type).toBe('file');

    const file = await admin.request<{ content: string; size: number; path: string }>('GET', `${api()}/files/content?path=/etc/hostname`);
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ path: '/etc/hostname', content: fs.readFileSync('/etc/hostname', 'utf8'), size: fs.statSync('/etc/hostname').size });
  });

  it('downloads a file as an opaque attachment, in chunks when it is bigger than one socket message', async () => {
    const small = await fetch(`${server.url}${api()}/files/download?path=/etc/hostname`, { headers: { cookie: admin.cookie } });
    expect(small.status).toBe(200);
    expect(small.headers.get('content-disposition')).toBe(`attachment; filename="hostname"; filename*=UTF-8''hostname`);
    expect(small.headers.get('content-type')).toBe('application/octet-stream');
    expect(small.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await small.arrayBuffer())).toEqual(fs.readFileSync('/etc/hostname'));

    // 2.5 MiB of random bytes: five chunks of 512 KiB through socket.io acks.
    const big = path.join(scratch, 'blob "weird" name.bin');
    fs.writeFileSync(big, randomBytes(2.5 * 1024 * 1024));
    const response = await fetch(`${server.url}${api()}/files/download?${new URLSearchParams({ path: big })}`, { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="blob _weird_ name.bin"; filename*=UTF-8''blob%20%22weird%22%20name.bin`);
    const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(fs.readFileSync(big)));
  });

  it('refuses files the viewer cannot show, in words', async () => {
    const large = path.join(scratch, 'large.log');
    fs.writeFileSync(large, 'x'.repeat(1024 * 1024 + 10));
    const tooLarge = await admin.request('GET', `${api()}/files/content?${new URLSearchParams({ path: large })}`);
    expect(tooLarge).toMatchObject({ status: 400, body: { __type: 'FileTooLarge', message: `${large} is 1.0 MiB; the viewer shows text files up to 1.0 MiB, download it instead` } });
    const binaryFile = path.join(scratch, 'program.bin');
    fs.writeFileSync(binaryFile, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]));
    const binary = await admin.request('GET', `${api()}/files/content?${new URLSearchParams({ path: binaryFile })}`);
    expect(binary).toMatchObject({ status: 400, body: { __type: 'BinaryFile', message: `${binaryFile} is not a text file (it contains NUL bytes); download it instead` } });
    const missing = await admin.request('GET', `${api()}/files?path=/no/such/folder`);
    expect(missing).toMatchObject({ status: 404, body: { __type: 'FileNotFound', message: '/no/such/folder does not exist on the node' } });
  });

  it('lists OS users and groups from /etc/passwd and /etc/group', async () => {
    const { status, body } = await admin.request<{ users: { name: string; uid: number; home: string }[]; groups: { name: string; gid: number }[] }>('GET', `${api()}/os-users`);
    expect(status).toBe(200);
    expect(body.users.find((user) => user.uid === 0)).toMatchObject({ name: 'root', home: '/root' });
    expect(body.groups.find((group) => group.gid === 0)?.name).toBe('root');
  });

  describe('security regressions', () => {
    it('refuses relative paths and NUL bytes before they reach the agent, and records the attempt', async () => {
      const relative = await admin.request('GET', `${api()}/files/content?path=${encodeURIComponent('../../etc/shadow')}`);
      expect(relative).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: 'path: the path must be absolute (start with /): "../../etc/shadow"' } });
      const nul = await admin.request('GET', `${api()}/files/content?path=${encodeURIComponent('/etc/hostname\0.png')}`);
      expect(nul).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: 'path: the path contains a NUL byte' } });
      const attempts = await audit('action=ReadNodeFile&result=Failure');
      expect(attempts.some((event) => event.requestParameters.path === '../../etc/shadow' && event.errorCode === 'ValidationException')).toBe(true);
    });

    it('records the normalised path, so a dotted path cannot disguise what was read', async () => {
      const { status } = await admin.request('GET', `${api()}/files/content?path=${encodeURIComponent('/var/../etc/./hostname')}`);
      expect(status).toBe(200);
      const [latest] = await audit('action=ReadNodeFile&result=Success');
      expect(latest?.requestParameters.path).toBe('/etc/hostname');
    });

    it('never reads the agent\'s own credentials, even through a symlink', async () => {
      const secretFile = path.join(stateDir, 'registration.json');
      const link = path.join(scratch, 'harmless.txt');
      fs.symlinkSync(secretFile, link);
      for (const target of [secretFile, link]) {
        for (const route of ['files/content', 'files/download']) {
          const response = await fetch(`${server.url}${api()}/${route}?${new URLSearchParams({ path: target })}`, { headers: { cookie: admin.cookie } });
          const text = await response.text();
          expect(response.status, `${route} ${target}`).toBe(400);
          expect(JSON.parse(text).__type).toBe('ProtectedPath');
          expect(text).not.toContain(readRegistration(stateDir)!.secret);
        }
      }
    });

    it('answers an unknown node and a malformed node id with InvalidInstanceId', async () => {
      expect(await admin.request('GET', '/api/nodes/mi-00000000000000000/processes')).toMatchObject({ status: 404, body: { __type: 'InvalidInstanceId' } });
      expect(await admin.request('GET', `/api/nodes/${encodeURIComponent("mi-1' or 1=1")}/metrics`)).toMatchObject({ status: 404, body: { __type: 'InvalidInstanceId' } });
    });
  });

  it('lets a ReadOnlyAccess user see processes but not read a file, and the page knows it', async () => {
    await admin.request('POST', '/api/iam/users', { username: 'rita', password: 'rita-password-1' });
    await admin.request('POST', '/api/iam/attachments', { policyName: 'ReadOnlyAccess', principalType: 'user', principalName: 'rita' });
    const rita = await ConsoleClient.signIn(server.url, 'rita', 'rita-password-1');

    expect((await rita.request('GET', `${api()}/processes`)).status).toBe(200);
    expect((await rita.request('GET', `${api()}/metrics`)).status).toBe(200);
    const refused = await rita.request<{ __type: string; message: string }>('GET', `${api()}/files/content?path=/etc/hostname`);
    expect(refused.status).toBe(400);
    expect(refused.body.__type).toBe('AccessDeniedException');
    expect(refused.body.message).toContain('is not authorized to perform: opsdeck:ReadNodeFile');
    expect((await rita.request('GET', `${api()}/files/download?path=/etc/hostname`)).body).toMatchObject({ __type: 'AccessDeniedException' });
    // Nor may she change the node.
    expect((await rita.request('PUT', `${api()}/tags`, { tags: { Owner: 'rita' } })).body).toMatchObject({ __type: 'AccessDeniedException' });

    const { body } = await rita.request<{ node: { permissions: Record<string, boolean> } }>('GET', api());
    expect(body.node.permissions).toMatchObject({ canViewProcesses: true, canViewPerformance: true, canViewUsers: true, canReadFiles: false, canTag: false, canEditSettings: false });

    const denied = await audit('action=ReadNodeFile&username=rita');
    expect(denied[0]).toMatchObject({ result: 'Failure', errorCode: 'AccessDeniedException', requestParameters: { path: '/etc/hostname' } });
  });

  it('writes file reads, downloads, listings and process lists to the audit trail, but not metrics polling', async () => {
    const reads = await audit('action=ReadNodeFile&username=admin&result=Success');
    expect(reads.some((event) => event.requestParameters.path === '/etc/hostname' && event.resources[0]?.endsWith(`managed-instance/${nodeId}`))).toBe(true);
    expect((await audit('action=DownloadNodeFile&result=Success')).map((event) => event.requestParameters.path)).toContain('/etc/hostname');
    expect((await audit('action=ListNodeFiles')).map((event) => event.requestParameters.path)).toContain('/etc');
    expect((await audit('action=ListNodeProcesses')).length).toBeGreaterThanOrEqual(2);
    expect(await audit('action=GetNodePerformance')).toEqual([]);
  });

  it('edits tags (merge and remove) and region/account, audited, and shows them on the node', async () => {
    expect((await admin.request('PUT', `${api()}/tags`, { tags: { Role: 'web', Environment: 'staging' } })).body).toEqual({ tags: { Environment: 'staging', Role: 'web' } });
    expect((await admin.request('DELETE', `${api()}/tags`, { keys: ['Role'] })).body).toEqual({ tags: { Environment: 'staging' } });
    const bad = await admin.request('PUT', `${api()}/tags`, { tags: { 'bad;key': 'x' } });
    expect(bad).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });

    const settings = await admin.request<{ node: { region: string; account: string | null } }>('PATCH', `${api()}/settings`, { region: 'eu-west-1', account: 'team-a' });
    expect(settings.body.node).toMatchObject({ region: 'eu-west-1', account: 'team-a' });
    expect((await admin.request('PATCH', `${api()}/settings`, { account: null })).body).toMatchObject({ node: { region: 'eu-west-1', account: null } });
    expect(await admin.request('PATCH', `${api()}/settings`, { region: 'eu west 1' })).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });

    const { body } = await admin.request<{ node: { tags: Record<string, string>; region: string } }>('GET', api());
    expect(body.node).toMatchObject({ tags: { Environment: 'staging' }, region: 'eu-west-1' });
    expect((await audit('action=UpdateNodeSettings&result=Success')).length).toBe(2);
    expect((await audit('action=AddTagsToResource&result=Success')).length).toBeGreaterThanOrEqual(1);
    // Restore the tag other checks rely on.
    await admin.request('PUT', `${api()}/tags`, { tags: { Environment: 'dev' } });
  });

  it('answers NodeNotConnected at once for a node whose agent never connected, saying so', async () => {
    const silent = await register('never-started');
    const started = Date.now();
    const { status, body } = await admin.request<{ __type: string; message: string }>('GET', `${api(silent.nodeId)}/metrics`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(status).toBe(409);
    expect(body.__type).toBe('NodeNotConnected');
    expect(body.message).toMatch(/^The node mi-[0-9a-f]{17} is not connected \(it has never connected since its registration on .* UTC\); live views need a connected agent$/);

    const diagnosis = await admin.request<{ findings: { code: string; message: string }[] }>('GET', `${api(silent.nodeId)}/diagnosis`);
    expect(diagnosis.body.findings[0]).toMatchObject({ code: 'NeverConnected', message: expect.stringContaining('The agent has never connected since the node was registered on') });

    // Deregistered: the diagnosis says by whom, and the agent's own diagnose is refused by name.
    expect((await admin.request('POST', `${api(silent.nodeId)}/deregister`)).status).toBe(200);
    const after = await admin.request<{ findings: { code: string; message: string }[] }>('GET', `${api(silent.nodeId)}/diagnosis`);
    expect(after.body.findings[0]).toMatchObject({ code: 'Deregistered', message: expect.stringMatching(/^The node was deregistered by admin on .* UTC \(\d+ s ago\): its credentials were revoked/) });
    const refused = await runTs('agent/cli.ts', ['diagnose', '--state-dir', silent.stateDir]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('The server refused the report: NodeDeregistered');
    expect(refused.output).toContain('This node was deregistered: its credentials are revoked.');
    expect((await admin.request<{ __type: string; message: string }>('GET', `${api(silent.nodeId)}/processes`)).body.message).toMatch(/is not connected \(Inactive since .* UTC, .*: deregistered by admin\)/);
  });

  it('runs `npm run agent -- diagnose`, prints a report, and the node shows it', async () => {
    const run = await runTs('agent/cli.ts', ['diagnose', '--state-dir', stateDir]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`Opsdeck agent diagnosis for ${nodeId}`);
    expect(run.output).toMatch(/\[ ok \] tcp\s+connected to 127\.0\.0\.1:\d+/);
    expect(run.output).toMatch(/\[ ok \] http\s+\/api\/health answered ok \(database ok\)/);
    expect(run.output).toMatch(/\[ ok \] clock\s+this node's clock is within \d s of the server's/);
    expect(run.output).toContain("Report uploaded: the node's page in the console shows it.");

    const { body } = await admin.request<{ agentReport: { checks: { name: string; status: string }[] }; agentReportAt: string; findings: unknown[] }>('GET', `${api()}/diagnosis`);
    expect(Object.fromEntries(body.agentReport.checks.map((check) => [check.name, check.status]))).toMatchObject({ registration: 'ok', 'credentials-file': 'ok', tcp: 'ok', http: 'ok', clock: 'ok' });
    expect(Date.now() - new Date(body.agentReportAt).getTime()).toBeLessThan(60_000);
    expect(body.findings).toEqual([]);
    expect((await audit('action=PutAgentDiagnosis&result=Success'))[0]?.resources[0]).toContain(nodeId);
  });

  it('refuses a diagnosis upload with a wrong secret', async () => {
    const { status, body } = await (async () => {
      const response = await fetch(`${server.url}/api/agent/diagnosis`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nodeId, secret: 'x'.repeat(43), report: { ranAt: new Date().toISOString(), agentVersion: '0.1.0', computerName: 'forged', serverUrl: server.url, clockSkewMs: null, checks: [] } }),
      });
      return { status: response.status, body: await response.json() };
    })();
    expect(status).toBe(401);
    expect(body.__type).toBe('InvalidNodeCredentials');
  });

  it('measures a node\'s clock skew from its heartbeats and flags it', async () => {
    const dir = newStateDir();
    const registration = await Agent.register({ serverUrl: server.url, ...activation, stateDir: dir, name: 'clock-ahead' });
    const skewed = new Agent(registration, undefined, { now: () => Date.now() + 120_000 });
    inProcessAgents.push(skewed);
    skewed.start();
    await waitFor('the skewed agent Online', async () => (await admin.pingStatusOf(registration.nodeId)) === 'Online', 30_000);
    const diagnosis = await waitFor(
      'a clock finding',
      async () => {
        const { body } = await admin.request<{ clockSkew: { skewMs: number } | null; findings: { code: string; message: string }[] }>('GET', `${api(registration.nodeId)}/diagnosis`);
        return body.clockSkew && body;
      },
      10_000,
    );
    expect(diagnosis.clockSkew!.skewMs).toBeGreaterThan(115_000);
    expect(diagnosis.findings).toContainEqual({ code: 'ClockSkew', severity: 'warning', message: expect.stringMatching(/^The node's clock was 2 minutes ahead of the server's/) });
  });

  it('checks what an agent answers: a malformed answer is refused in words, never passed on', async () => {
    // A node with real credentials whose "agent" answers every tool request with nonsense.
    const registration = await Agent.register({ serverUrl: server.url, ...activation, stateDir: newStateDir(), name: 'liar' });
    const socket = connect(`${server.url}/agent`, {
      transports: ['websocket'],
      auth: { nodeId: registration.nodeId, secret: registration.secret, metadata: collectMetadata() },
    });
    socket.on('tool:request', (request: { requestId: string }, ack: (response: unknown) => void) =>
      ack({ ok: true, requestId: request.requestId, result: { processes: '<script>alert(1)</script>' } }),
    );
    try {
      await waitFor('the liar Online', async () => (await admin.pingStatusOf(registration.nodeId)) === 'Online', 15_000);
      const { status, body } = await admin.request<{ __type: string; message: string }>('GET', `${api(registration.nodeId)}/processes`);
      expect(status).toBe(502);
      expect(body.__type).toBe('InvalidAgentResponse');
      expect(body.message).toContain(`The agent on ${registration.nodeId} answered processes.list with data this server does not understand`);
      expect(JSON.stringify(body)).not.toContain('<script>');
    } finally {
      socket.disconnect();
    }
  });

  it('keeps the status history of a node with why each change happened', async () => {
    const { body } = await admin.request<{ events: { pingStatus: string; reason: string }[] }>('GET', `${api()}/history`);
    expect(body.events.at(-1)).toMatchObject({ pingStatus: 'Online', reason: 'agent 0.1.0 connected' });
  });

  it('answers AgentTimeout when the agent is frozen, and recovers when it resumes', async () => {
    agent.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      const { status, body } = await admin.request<{ __type: string; message: string }>('GET', `${api()}/metrics`);
      // Either the agent stays silent past the 10 s timeout, or presence notices first.
      expect(['AgentTimeout', 'NodeNotConnected']).toContain(body.__type);
      if (body.__type === 'AgentTimeout') {
        expect(status).toBe(504);
        expect(body.message).toBe(`The agent on ${nodeId} did not answer metrics.sample within 10 s; it may be overloaded or its connection half-open`);
      }
      expect(Date.now() - started).toBeLessThan(12_000);
    } finally {
      agent.child.kill('SIGCONT');
    }
    await waitFor('Online again', async () => (await admin.pingStatusOf(nodeId)) === 'Online', 30_000);
    await waitFor('metrics again', async () => (await admin.request('GET', `${api()}/metrics`)).status === 200, 15_000);
  });
});
