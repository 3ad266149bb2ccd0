import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import {
  GetAutomationExecutionCommand,
  GetParameterCommand,
  PutParameterCommand,
  SendAutomationSignalCommand,
  StartAutomationExecutionCommand,
  type AutomationExecution,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { BOOTSTRAP_ENV, failure, signedSsmCall, ssmClient } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { runCommand, waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

const TERMINAL = ['Success', 'Failed', 'TimedOut', 'Cancelled'];
const ROLLBACK_DIR = '/var/lib/opsdeck/patch-rollback';

/** A tiny sysvinit service: `sleep 100000` in its own session, its pid in /run/<name>.pid. */
function initScript(name: string): string {
  return `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${name}
# Required-Start:
# Required-Stop:
# Default-Start:
# Default-Stop:
# Short-Description: Opsdeck test daemon
### END INIT INFO
PIDFILE=/run/${name}.pid
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
start() {
  if running; then echo "${name} is already running (pid $(cat "$PIDFILE"))"; return 0; fi
  setsid sh -c 'echo $$ > "$1"; exec sleep 100000' sh "$PIDFILE" </dev/null >/dev/null 2>&1 &
  for i in 1 2 3 4 5 6 7 8 9 10; do running && break; sleep 0.2; done
  echo "${name} started (pid $(cat "$PIDFILE"))"
}
stop() {
  if running; then kill "$(cat "$PIDFILE")"; fi
  rm -f "$PIDFILE"
  echo "${name} stopped"
}
case "$1" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running; then echo "${name} is running (pid $(cat "$PIDFILE"))"; exit 0; fi; echo "${name} is not running"; exit 3 ;;
  *) echo "Usage: $0 {start|stop|restart|status}" >&2; exit 2 ;;
esac
`;
}

describe('the built-in runbooks on a real agent on this machine', () => {
  let server: TestServer;
  let ssm: SSMClient;
  let databaseUrl: string;
  let nodeId: string;
  const serviceName = `opsdeck-demo-${randomBytes(4).toString('hex')}`;
  const initPath = `/etc/init.d/${serviceName}`;
  const pidPath = `/run/${serviceName}.pid`;
  const patchExecutions: string[] = [];

  async function start(documentName: string, parameters: Record<string, string[]>): Promise<string> {
    const { AutomationExecutionId } = await ssm.send(new StartAutomationExecutionCommand({ DocumentName: documentName, Parameters: parameters }));
    return AutomationExecutionId!;
  }

  async function execution(id: string): Promise<AutomationExecution> {
    return (await ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: id }))).AutomationExecution!;
  }

  async function finished(id: string, timeoutMs = 90_000): Promise<AutomationExecution> {
    return waitFor(
      `execution ${id} to end`,
      async () => {
        const current = await execution(id);
        return TERMINAL.includes(current.AutomationExecutionStatus!) ? current : undefined;
      },
      timeoutMs,
      500,
    );
  }

  function stepNamed(result: AutomationExecution, name: string) {
    return result.StepExecutions?.find((candidate) => candidate.StepName === name);
  }

  function stepNames(result: AutomationExecution): string[] {
    return result.StepExecutions!.map((candidate) => `${candidate.StepName}:${candidate.StepStatus}`);
  }

  function demoPid(): number {
    return Number(fs.readFileSync(pidPath, 'utf8').trim());
  }

  function isSleeping(pid: number): boolean {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() === 'sleep 100000';
    } catch {
      return false;
    }
  }

  beforeAll(async () => {
    expect(process.getuid?.(), 'these tests install an init script and run the agent as root').toBe(0);
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'automation_builtins');
    server = await startServer({ databaseUrl, env: { ...BOOTSTRAP_ENV, OPSDECK_LOCAL_AGENT: '1' } });
    const admin = await ConsoleClient.signIn(server.url);
    ssm = ssmClient(server.url);
    const [node] = await waitFor(
      'the local node Online',
      async () => {
        const nodes = await admin.nodes();
        return nodes.length === 1 && nodes[0]!.pingStatus === 'Online' && nodes;
      },
      60_000,
    );
    nodeId = node!.nodeId;

    fs.writeFileSync(initPath, initScript(serviceName), { mode: 0o755 });
    const started = await runCommand('/usr/sbin/service', [serviceName, 'start']);
    expect(started.code, started.stderr).toBe(0);
    expect(isSleeping(demoPid())).toBe(true);
  }, 120_000);

  afterAll(async () => {
    if (fs.existsSync(initPath)) await runCommand(initPath, ['stop']);
    fs.rmSync(initPath, { force: true });
    fs.rmSync(pidPath, { force: true });
    for (const id of patchExecutions) {
      fs.rmSync(`${ROLLBACK_DIR}/${id}.list`, { force: true });
      fs.rmSync(`${ROLLBACK_DIR}/${id}.list.after`, { force: true });
    }
    // The runbook made these directories; leave them only if something else keeps files there.
    for (const dir of [ROLLBACK_DIR, '/var/lib/opsdeck']) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // not empty, or not there
      }
    }
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  describe('Opsdeck-RestartService', () => {
    it('waits for approval, then restarts the sysvinit service: the daemon gets a new pid', async () => {
      const before = demoPid();
      const id = await start('Opsdeck-RestartService', { InstanceId: [nodeId], ServiceName: [serviceName], Approvers: ['admin'] });
      const waiting = await waitFor(
        'the approve step to wait',
        async () => {
          const current = await execution(id);
          if (TERMINAL.includes(current.AutomationExecutionStatus!)) throw new Error(`ended early: ${current.FailureMessage}`);
          return stepNamed(current, 'approve')?.StepStatus === 'Waiting' ? current : undefined;
        },
        60_000,
      );
      expect(stepNamed(waiting, 'checkService')!.Outputs!.Output![0]).toContain(`init=sysvinit service=${serviceName}`);
      expect(stepNamed(waiting, 'approve')!.Inputs!.Message).toContain(`Approve restarting service ${serviceName} on node ${nodeId}`);
      // Nothing is restarted while the approval is pending.
      expect(demoPid()).toBe(before);
      expect(isSleeping(before)).toBe(true);

      await ssm.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Approve', Payload: { Comment: ['go ahead'] } }));
      const result = await finished(id);
      expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
      expect(stepNames(result)).toEqual(['checkService:Success', 'needsApproval:Success', 'approve:Success', 'restart:Success', 'verify:Success']);

      const after = demoPid();
      expect(after).not.toBe(before);
      expect(isSleeping(after)).toBe(true);
      expect(isSleeping(before)).toBe(false);
      expect(result.Outputs!['approve.ApprovalStatus']).toEqual(['Approved']);
      expect(result.Outputs!['verify.Output']![0]).toContain(`${serviceName} is running (pid ${after})`);
    });

    it('restarts without an approval step when Approvers is empty', async () => {
      const before = demoPid();
      const result = await finished(await start('Opsdeck-RestartService', { InstanceId: [nodeId], ServiceName: [serviceName] }));
      expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
      expect(stepNames(result)).toEqual(['checkService:Success', 'needsApproval:Success', 'restart:Success', 'verify:Success']);
      expect(result.Outputs!['approve.ApprovalStatus']).toBeUndefined();
      const after = demoPid();
      expect(after).not.toBe(before);
      expect(isSleeping(after)).toBe(true);
    });

    it('leaves the service alone when the approver rejects', async () => {
      const before = demoPid();
      const id = await start('Opsdeck-RestartService', { InstanceId: [nodeId], ServiceName: [serviceName], Approvers: ['admin'] });
      await waitFor('the approve step to wait', async () => stepNamed(await execution(id), 'approve')?.StepStatus === 'Waiting', 60_000);
      await ssm.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Reject', Payload: { Comment: ['not now'] } }));
      const result = await finished(id);
      expect(result.AutomationExecutionStatus).toBe('Failed');
      expect(result.FailureMessage).toContain('rejected by admin: not now');
      expect(stepNamed(result, 'restart')).toBeUndefined();
      expect(demoPid()).toBe(before);
      expect(isSleeping(before)).toBe(true);
    });

    it('fails clearly, before any approval or restart, when the service does not exist', async () => {
      const missing = `${serviceName}-missing`;
      const result = await finished(await start('Opsdeck-RestartService', { InstanceId: [nodeId], ServiceName: [missing], Approvers: ['admin'] }));
      expect(result.AutomationExecutionStatus).toBe('Failed');
      expect(stepNames(result)).toEqual(['checkService:Failed']);
      expect(result.FailureMessage).toContain(`service '${missing}' does not exist on this node`);
    });

    it('refuses a service name that would inject shell text, before anything runs (security)', async () => {
      const marker = `/tmp/opsdeck-injected-${randomBytes(4).toString('hex')}`;
      for (const name of [`${serviceName}; touch ${marker}`, `$(touch ${marker})`, '-h', '../../../bin/sh']) {
        const refused = await failure(start('Opsdeck-RestartService', { InstanceId: [nodeId], ServiceName: [name] }));
        expect(refused.name, name).toBe('InvalidAutomationExecutionParametersException');
        expect(refused.message).toContain('does not match the allowed pattern');
      }
      expect(fs.existsSync(marker)).toBe(false);
    });
  });

  describe('AWS-CollectDiagnostics', () => {
    it("puts the node's uname, disks, processes, logs and network into the execution's outputs", async () => {
      const result = await finished(await start('AWS-CollectDiagnostics', { InstanceId: [nodeId], Since: ['2 hours ago'] }));
      expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
      const system = result.Outputs!['system.Output']![0]!;
      expect(system).toContain(execFileSync('uname', ['-a'], { encoding: 'utf8' }).trim());
      expect(system).toContain('### df -h');
      expect(system).toMatch(/Mem:\s+\d+/);
      expect(system).toMatch(/USER\s+PID\s+%CPU/);
      // Without a journal on this machine the logs step says so and still shows the kernel's ring buffer.
      const logs = result.Outputs!['logs.Output']![0]!;
      expect(logs).toMatch(/### (journalctl --since '2 hours ago'|no journal)/);
      expect(logs).toContain('### dmesg');
      const network = result.Outputs!['network.Output']![0]!;
      expect(network).toMatch(/\blo\b/);
      expect(network).toContain('127.0.0.1');
      expect(network).toContain('### listening sockets');
      // The server listens on this machine; ss -p names its port.
      expect(network).toContain(`:${server.port}`);
    });

    it('refuses a Since that would inject shell text (security)', async () => {
      const refused = await failure(start('AWS-CollectDiagnostics', { InstanceId: [nodeId], Since: ["1 hour ago'; id; '"] }));
      expect(refused.name).toBe('InvalidAutomationExecutionParametersException');
    });
  });

  describe('Opsdeck-RotateParameter', () => {
    const parameterName = `/opsdeck-test/rotate/${randomBytes(3).toString('hex')}/db-password`;

    it('stores a new SecureString version the node reads, and the plaintext lands in no execution record or table', async () => {
      const initial = `initial-${randomBytes(8).toString('hex')}`;
      await ssm.send(new PutParameterCommand({ Name: parameterName, Value: initial, Type: 'SecureString' }));
      const id = await start('Opsdeck-RotateParameter', { ParameterName: [parameterName], Length: ['40'], VerifyInstanceId: [nodeId] });
      const result = await finished(id);
      expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
      expect(result.Outputs!['rotate.Version']).toEqual(['2']);

      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
      expect(Parameter).toMatchObject({ Type: 'SecureString', Version: 2 });
      const value = Parameter!.Value!;
      expect(value).not.toBe(initial);
      expect(value).toHaveLength(40);
      const prefix = createHash('sha256').update(value).digest('hex').slice(0, 12);
      expect(result.Outputs!['verify.Output']![0]).toBe(`version=2 length=40 sha256_prefix=${prefix}\n`);

      // The execution as the SDK sees it, and as raw JSON with Opsdeck's extra members.
      expect(JSON.stringify(result)).not.toContain(value);
      const raw = await signedSsmCall(server.url, 'GetAutomationExecution', { AutomationExecutionId: id });
      expect(raw.status).toBe(200);
      expect(JSON.stringify(raw.body)).not.toContain(value);
      const steps = await signedSsmCall(server.url, 'DescribeAutomationStepExecutions', { AutomationExecutionId: id });
      expect(JSON.stringify(steps.body)).not.toContain(value);
      // The verify step asked for the reference, not the value.
      expect(stepNamed(result, 'verify')!.Inputs!.Parameters).toContain(`{{ssm-secure:${parameterName}:2}}`);

      // Nowhere in the database either: every row of every table, as text.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows: tables } = await client.query<{ name: string }>(`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`);
        expect(tables.length).toBeGreaterThan(10);
        const holding: string[] = [];
        for (const { name } of tables) {
          const { rows } = await client.query<{ count: string }>(`select count(*) from ${name} t where t::text like $1`, [`%${value}%`]);
          if (Number(rows[0]!.count) > 0) holding.push(name);
        }
        expect(holding).toEqual([]);
      } finally {
        await client.end();
      }
    });

    it('fails at the rotate step, leaving the parameter as it was, when Length is below 16', async () => {
      const { Parameter: before } = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
      const result = await finished(await start('Opsdeck-RotateParameter', { ParameterName: [parameterName], Length: ['10'], VerifyInstanceId: [nodeId] }));
      expect(result.AutomationExecutionStatus).toBe('Failed');
      expect(stepNames(result)).toEqual(['rotate:Failed']);
      expect(result.FailureMessage).toContain('ValidationException: Length must be a whole number from 16 to 4096');
      const { Parameter: after } = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
      expect(after).toMatchObject({ Version: before!.Version, Value: before!.Value });
    });
  });

  describe('Opsdeck-PatchInstanceWithRollback', () => {
    let upToDate: string;
    let installedVersion: string;

    beforeAll(async () => {
      // A package apt would not change: the test must never really patch this machine.
      for (const candidate of ['hostname', 'debianutils', 'gzip', 'grep', 'coreutils']) {
        const simulated = await runCommand('apt-get', ['-s', '-q', 'install', '--only-upgrade', candidate]);
        if (simulated.code === 0 && /\b0 upgraded, 0 newly installed, 0 to remove/.test(simulated.stdout) && simulated.stdout.includes(`${candidate} is already the newest version`)) {
          upToDate = candidate;
          break;
        }
      }
      expect(upToDate, 'an installed package that is already up to date').toBeDefined();
      installedVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', upToDate], { encoding: 'utf8' });
    });

    it('records the installed versions, patches and ends Success when the health check passes', async () => {
      const id = await start('Opsdeck-PatchInstanceWithRollback', { InstanceId: [nodeId], PackageNames: [upToDate] });
      patchExecutions.push(id);
      const result = await finished(id, 180_000);
      expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
      expect(stepNames(result)).toEqual(['snapshot:Success', 'patch:Success', 'healthCheck:Success']);
      expect(result.Outputs!['patch.Output']![0]).toContain(`upgrading: ${upToDate}`);
      expect(result.Outputs!['patch.Output']![0]).toContain(`${upToDate} is already the newest version`);
      const snapshot = fs.readFileSync(`${ROLLBACK_DIR}/${id}.list`, 'utf8').split('\n');
      expect(snapshot).toContain(`${upToDate}=${installedVersion}`);
      expect(snapshot.length).toBeGreaterThan(50);
      expect(execFileSync('dpkg-query', ['-W', '-f=${Version}', upToDate], { encoding: 'utf8' })).toBe(installedVersion);
    }, 200_000);

    it('rolls back and ends Failed when the health check fails', async () => {
      const id = await start('Opsdeck-PatchInstanceWithRollback', { InstanceId: [nodeId], PackageNames: [upToDate], HealthCheckCommand: ['echo "checking the app"; false'] });
      patchExecutions.push(id);
      const result = await finished(id, 180_000);
      expect(result.AutomationExecutionStatus).toBe('Failed');
      expect(stepNames(result)).toEqual(['snapshot:Success', 'patch:Success', 'healthCheck:Failed', 'rollback:Success']);
      expect(result.FailureMessage).toMatch(/^Step healthCheck failed/);
      expect(result.Outputs!['rollback.Output']![0]).toContain('no package changed since the snapshot: nothing to roll back');
      expect(fs.existsSync(`${ROLLBACK_DIR}/${id}.list.after`)).toBe(true);
      expect(execFileSync('dpkg-query', ['-W', '-f=${Version}', upToDate], { encoding: 'utf8' })).toBe(installedVersion);
    }, 200_000);

    it('refuses package names that would inject shell text or apt options (security)', async () => {
      for (const name of [`${'hostname'}'; touch /tmp/x; '`, '--allow-unauthenticated', 'a b']) {
        const refused = await failure(start('Opsdeck-PatchInstanceWithRollback', { InstanceId: [nodeId], PackageNames: [name] }));
        expect(refused.name, name).toBe('InvalidAutomationExecutionParametersException');
      }
    });
  });
});
