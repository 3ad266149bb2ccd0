import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { awsCli, BOOTSTRAP_ENV, signedSsmCall } from '../support/aws';
import { newStateDir, registerAgentProcess, startAgentProcess } from '../support/agents';
import { createAptRepo, type AptRepo, type DemoPackage } from '../support/apt-repo';
import { ConsoleClient } from '../support/console-client';
import { waitFor, type RunningProcess } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';
import { SCAN_AFTER_REBOOT_COMMENT } from '../../server/patch-manager/scan-after-reboot';

interface InstancePatch {
  KBId: string;
  Title: string;
  Classification: string;
  State: string;
}
interface InstancePatchState {
  BaselineId: string;
  PatchGroup: string;
  MissingCount: number;
  InstalledPendingRebootCount: number;
  InstalledRejectedCount: number;
  SecurityNonCompliantCount: number;
  Operation: string;
  RebootOption: string;
}

const DAY_MS = 86_400_000;
const PATCH_GROUP = 'pm-integration';
const monthAgo = new Date(Date.now() - 30 * DAY_MS);
const demo = (version: string, extra: Partial<DemoPackage> = {}): DemoPackage => ({ name: 'opsdeck-demo', version, pocket: 'security', releaseDate: monthAgo, ...extra });
const BASE_PACKAGES: DemoPackage[] = [
  { name: 'opsdeck-demo', version: '1.0', pocket: 'main', releaseDate: monthAgo },
  demo('1.1'),
  { name: 'opsdeck-extra', version: '1.0', pocket: 'main', releaseDate: monthAgo },
  { name: 'opsdeck-extra', version: '1.1', pocket: 'updates', releaseDate: monthAgo },
];

describe('Patch Manager with a real agent and a real apt repository', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let repo: AptRepo;
  let agent: RunningProcess | undefined;
  let nodeId: string;
  let databaseUrl: string;
  let baselineId: string | undefined;
  let stateDir: string;

  async function call<T = Record<string, unknown>>(operation: string, body: unknown): Promise<T> {
    const { status, body: response } = await signedSsmCall(server.url, operation, body);
    if (status !== 200) throw new Error(`${operation}: ${status} ${JSON.stringify(response)}`);
    return response as T;
  }

  /** Sends AWS-RunPatchBaseline to the node and waits for its invocation to end. */
  async function runPatchBaseline(operation: 'Scan' | 'Install', rebootOption: 'RebootIfNeeded' | 'NoReboot' = 'NoReboot') {
    const { Command } = await call<{ Command: { CommandId: string } }>('SendCommand', {
      DocumentName: 'AWS-RunPatchBaseline',
      InstanceIds: [nodeId],
      Parameters: { Operation: [operation], RebootOption: [rebootOption] },
    });
    const invocation = await waitFor(
      `${operation} to finish`,
      async () => {
        const result = await call<{ Status: string; StandardOutputContent: string; StandardErrorContent: string }>('GetCommandInvocation', { CommandId: Command.CommandId, InstanceId: nodeId }).catch(() => undefined);
        return result && ['Success', 'Failed', 'TimedOut', 'Cancelled'].includes(result.Status) ? result : undefined;
      },
      180_000,
    );
    expect(invocation.Status, `${invocation.StandardOutputContent}\n${invocation.StandardErrorContent}`).toBe('Success');
    return Command.CommandId;
  }

  const patches = async (filters: { Key: string; Values: string[] }[] = []) => (await call<{ Patches: InstancePatch[] }>('DescribeInstancePatches', { InstanceId: nodeId, Filters: filters, MaxResults: 100 })).Patches;
  const patchOf = async (name: string) => (await patches([{ Key: 'KBId', Values: [name] }]))[0];
  const patchState = async () => (await call<{ InstancePatchStates: InstancePatchState[] }>('DescribeInstancePatchStates', { InstanceIds: [nodeId] })).InstancePatchStates[0]!;

  async function complianceItem(itemId: string) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`select status, severity, details, execution_summary from compliance_items where resource_id = $1 and compliance_type = 'Patch' and item_id = $2`, [nodeId, itemId]);
      return rows[0] as { status: string; severity: string; details: Record<string, string>; execution_summary: { ExecutionId: string } } | undefined;
    } finally {
      await client.end();
    }
  }

  async function restartAgent(env: Record<string, string>) {
    agent?.child.kill('SIGTERM');
    await agent?.exited;
    await waitFor('the node to be seen gone', async () => (await admin.pingStatusOf(nodeId)) !== 'Online', 30_000);
    agent = startAgentProcess(stateDir, { env });
    await waitFor('the node online again', async () => (await admin.pingStatusOf(nodeId)) === 'Online', 30_000);
  }

  async function updateBaseline(members: Record<string, unknown>) {
    await call('UpdatePatchBaseline', { BaselineId: baselineId, ...members });
  }

  beforeAll(async () => {
    repo = createAptRepo({ packages: BASE_PACKAGES });
    repo.installDirect('opsdeck-demo', '1.0');
    repo.installDirect('opsdeck-extra', '1.0');
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'patch_manager');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    admin = await ConsoleClient.signIn(server.url);
    const activation = await admin.createActivation({ registrationLimit: 1 });
    stateDir = newStateDir();
    const registered = await registerAgentProcess({ serverUrl: server.url, ...activation, stateDir, name: 'patch-node', tags: `PatchGroup=${PATCH_GROUP}` });
    nodeId = registered.nodeId!;
    agent = startAgentProcess(stateDir, { env: repo.env });
    await waitFor('the node online', async () => (await admin.pingStatusOf(nodeId)) === 'Online', 30_000);
  }, 180_000);

  afterAll(async () => {
    if (baselineId) {
      await call('DeregisterPatchBaselineForPatchGroup', { BaselineId: baselineId, PatchGroup: PATCH_GROUP }).catch(() => undefined);
      await call('DeletePatchBaseline', { BaselineId: baselineId }).catch(() => undefined);
    }
    agent?.child.kill('SIGTERM');
    await agent?.exited;
    await server?.stop();
    repo?.cleanup();
  }, 60_000);

  it('scans against the Debian default baseline: the security update is Missing and the node non-compliant', async () => {
    const commandId = await runPatchBaseline('Scan');
    const missing = await patches([{ Key: 'State', Values: ['Missing'] }]);
    expect(missing.map((patch) => patch.KBId)).toEqual(['opsdeck-demo']);
    expect(missing[0]).toMatchObject({ Classification: 'Security', State: 'Missing' });
    // The updates pocket is not security: the default baseline does not approve it, so it is not Missing.
    expect((await patchOf('opsdeck-extra'))?.State).toBe('InstalledOther');

    const { BaselineId: debianDefault } = await call<{ BaselineId: string }>('GetDefaultPatchBaseline', { OperatingSystem: 'DEBIAN' });
    const state = await patchState();
    expect(state).toMatchObject({ BaselineId: debianDefault, PatchGroup: PATCH_GROUP, MissingCount: 1, SecurityNonCompliantCount: 1, Operation: 'Scan' });
    const item = await complianceItem('opsdeck-demo');
    expect(item).toMatchObject({ status: 'NON_COMPLIANT', severity: 'UNSPECIFIED', execution_summary: { ExecutionId: commandId } });
    expect(item?.details).toMatchObject({ PatchState: 'Missing', Classification: 'Security', PatchBaselineId: debianDefault, DocumentName: 'AWS-RunPatchBaseline' });
    expect((await complianceItem('opsdeck-extra'))?.status).toBe('COMPLIANT');

    const effective = await call<{ EffectivePatches: { Patch: { Name: string; Version: string }; PatchStatus: { DeploymentStatus: string } }[] }>('DescribeEffectivePatchesForPatchBaseline', { BaselineId: debianDefault });
    expect(effective.EffectivePatches.find((patch) => patch.Patch.Name === 'opsdeck-demo')?.PatchStatus.DeploymentStatus).toBe('APPROVED');
    expect(effective.EffectivePatches.some((patch) => patch.Patch.Name === 'opsdeck-extra')).toBe(false);
  });

  it('installs only what the patch group baseline approves: the security update, not the other one', async () => {
    const created = await call<{ BaselineId: string }>('CreatePatchBaseline', {
      Name: 'pm-integration-security-now',
      OperatingSystem: 'DEBIAN',
      ApprovalRules: { PatchRules: [{ PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['Security'] }] }, ApproveAfterDays: 0, ComplianceLevel: 'HIGH' }] },
    });
    baselineId = created.BaselineId;
    await call('RegisterPatchBaselineForPatchGroup', { BaselineId: baselineId, PatchGroup: PATCH_GROUP });
    expect(await call('GetPatchBaselineForPatchGroup', { PatchGroup: PATCH_GROUP, OperatingSystem: 'DEBIAN' })).toMatchObject({ BaselineId: baselineId });

    await runPatchBaseline('Install');
    expect(repo.isInstalled('opsdeck-demo')).toBe('1.1');
    expect(repo.isInstalled('opsdeck-extra')).toBe('1.0');
    expect((await patchOf('opsdeck-demo'))?.State).toBe('Installed');
    expect((await patchOf('opsdeck-extra'))?.State).not.toBe('Missing');
    expect(await patchState()).toMatchObject({ BaselineId: baselineId, MissingCount: 0, Operation: 'Install' });
    expect(await complianceItem('opsdeck-demo')).toMatchObject({ status: 'COMPLIANT', severity: 'HIGH' });
  });

  it('blocks rejected packages: a newer demo is not installed and the installed one is InstalledRejected', async () => {
    repo.publish([...BASE_PACKAGES, demo('1.2')]);
    await updateBaseline({ RejectedPatches: ['opsdeck-dem*'], RejectedPatchesAction: 'BLOCK' });
    await runPatchBaseline('Install');
    expect(repo.isInstalled('opsdeck-demo')).toBe('1.1');
    expect((await patchOf('opsdeck-demo'))?.State).toBe('InstalledRejected');
    expect((await patchState()).InstalledRejectedCount).toBe(1);
    expect((await complianceItem('opsdeck-demo'))?.status).toBe('NON_COMPLIANT');
  });

  it('with NoReboot leaves an update that needs a reboot InstalledPendingReboot and does not reboot', async () => {
    repo.publish([...BASE_PACKAGES, demo('1.3', { postinst: `touch '${repo.rebootRequiredFile}'` })]);
    await updateBaseline({ RejectedPatches: [], RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY' });
    await runPatchBaseline('Install', 'NoReboot');
    expect(repo.isInstalled('opsdeck-demo')).toBe('1.3');
    expect((await patchOf('opsdeck-demo'))?.State).toBe('InstalledPendingReboot');
    expect(await patchState()).toMatchObject({ InstalledPendingRebootCount: 1, RebootOption: 'NoReboot' });
    expect((await complianceItem('opsdeck-demo'))?.status).toBe('NON_COMPLIANT');
    expect(fs.existsSync(repo.rebootMarkerFile)).toBe(false);
  });

  it('answers the baseline API with AWS error names', async () => {
    const inUse = await signedSsmCall(server.url, 'DeletePatchBaseline', { BaselineId: baselineId });
    expect(inUse.status).toBe(400);
    expect(inUse.body).toMatchObject({ __type: 'ResourceInUseException' });
    const twice = await signedSsmCall(server.url, 'RegisterPatchBaselineForPatchGroup', { BaselineId: baselineId, PatchGroup: PATCH_GROUP });
    expect(twice.body).toMatchObject({ __type: 'AlreadyExistsException' });
    const missing = await signedSsmCall(server.url, 'GetPatchBaseline', { BaselineId: 'pb-00000000000000000' });
    expect(missing.body).toMatchObject({ __type: 'DoesNotExistException' });
    const { BaselineIdentities } = await call<{ BaselineIdentities: { BaselineName: string; DefaultBaseline: boolean }[] }>('DescribePatchBaselines', { Filters: [{ Key: 'OWNER', Values: ['AWS'] }, { Key: 'OPERATING_SYSTEM', Values: ['DEBIAN'] }] });
    expect(BaselineIdentities).toEqual([expect.objectContaining({ BaselineName: 'AWS-DebianDefaultPatchBaseline', DefaultBaseline: true })]);
    const predefined = await signedSsmCall(server.url, 'UpdatePatchBaseline', { BaselineId: (await call<{ BaselineId: string }>('GetDefaultPatchBaseline', { OperatingSystem: 'DEBIAN' })).BaselineId, Description: 'mine now' });
    expect(predefined.body).toMatchObject({ __type: 'AccessDeniedException' });
    expect(await call('DescribePatchGroupState', { PatchGroup: PATCH_GROUP })).toMatchObject({ Instances: 1, InstancesWithInstalledPendingRebootPatches: 1 });
  });

  it('answers the real aws CLI', async () => {
    const created = await awsCli(server.url, ['create-patch-baseline', '--name', 'pm-integration-cli', '--operating-system', 'UBUNTU', '--approved-patches', 'curl', '--rejected-patches-action', 'BLOCK']);
    expect(created.code, created.stderr).toBe(0);
    const cliBaseline = (created.json as { BaselineId: string }).BaselineId;
    try {
      const described = await awsCli(server.url, ['get-patch-baseline', '--baseline-id', cliBaseline]);
      expect(described.json).toMatchObject({ Name: 'pm-integration-cli', OperatingSystem: 'UBUNTU', ApprovedPatches: ['curl'], RejectedPatchesAction: 'BLOCK', PatchGroups: [] });
      const states = await awsCli(server.url, ['describe-instance-patch-states', '--instance-ids', nodeId]);
      expect(states.code, states.stderr).toBe(0);
      expect((states.json as { InstancePatchStates: { InstanceId: string }[] }).InstancePatchStates[0]?.InstanceId).toBe(nodeId);
      const nodePatches = await awsCli(server.url, ['describe-instance-patches', '--instance-id', nodeId, '--filters', 'Key=State,Values=InstalledPendingReboot']);
      expect(nodePatches.code, nodePatches.stderr).toBe(0);
      expect((nodePatches.json as { Patches: InstancePatch[] }).Patches.map((patch) => patch.KBId)).toEqual(['opsdeck-demo']);
      const groups = await awsCli(server.url, ['describe-patch-groups']);
      expect((groups.json as { Mappings: { PatchGroup: string }[] }).Mappings.map((mapping) => mapping.PatchGroup)).toEqual([PATCH_GROUP]);
    } finally {
      await awsCli(server.url, ['delete-patch-baseline', '--baseline-id', cliBaseline]);
    }
  });

  it('serves the console: fleet summary, the node table, its patches and Patch now through Run Command', async () => {
    const summary = await admin.request<{ nodes: number; nonCompliant: number; notScanned: number; platformNames: string[]; patchGroups: string[] }>('GET', '/api/patch-manager/summary');
    expect(summary).toMatchObject({ status: 200, body: { nodes: 1, nonCompliant: 1, notScanned: 0, patchGroups: [PATCH_GROUP] } });
    const nonCompliant = await admin.request<{ nodes: { nodeId: string; isCompliant: boolean; patchGroup: string }[] }>('GET', `/api/patch-manager/nodes?compliance=NonCompliant&patchGroup=${PATCH_GROUP}`);
    expect(nonCompliant.body.nodes).toEqual([expect.objectContaining({ nodeId, isCompliant: false, patchGroup: PATCH_GROUP })]);
    expect((await admin.request<{ nodes: unknown[] }>('GET', '/api/patch-manager/nodes?compliance=Compliant')).body.nodes).toEqual([]);
    const badFilter = await admin.request<{ message: string }>('GET', '/api/patch-manager/nodes?compliance=Sometimes');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.message).toContain('compliance is one of Compliant, NonCompliant, NotScanned');

    const detail = await admin.request<{ state: { InstalledPendingRebootCount: number }; patches: InstancePatch[] }>('GET', `/api/patch-manager/nodes/${nodeId}?state=InstalledPendingReboot`);
    expect(detail.body.state.InstalledPendingRebootCount).toBe(1);
    expect(detail.body.patches.map((patch) => patch.KBId)).toEqual(['opsdeck-demo']);

    const started = await admin.request<{ commandId: string; nodeIds: string[] }>('POST', '/api/patch-manager/patch-now', { filter: { patchGroup: PATCH_GROUP }, operation: 'Scan', maxConcurrency: '1', maxErrors: '0' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const command = started.body;
    expect(command.nodeIds).toEqual([nodeId]);
    const invocation = await waitFor('the console scan to finish', async () => {
      const result = await call<{ Status: string }>('GetCommandInvocation', { CommandId: command.commandId, InstanceId: nodeId }).catch(() => undefined);
      return result && ['Success', 'Failed'].includes(result.Status) ? result : undefined;
    }, 120_000);
    expect(invocation.Status).toBe('Success');
    const listed = await call<{ Commands: { DocumentName: string; Parameters: Record<string, string[]>; MaxConcurrency: string }[] }>('ListCommands', { CommandId: command.commandId });
    expect(listed.Commands[0]).toMatchObject({ DocumentName: 'AWS-RunPatchBaseline', MaxConcurrency: '1', Parameters: { Operation: ['Scan'] } });

    const nothing = await admin.request<{ message: string }>('POST', '/api/patch-manager/patch-now', { filter: { patchGroup: 'no-such-group' }, operation: 'Install' });
    expect(nothing).toMatchObject({ status: 400, body: { message: 'the filters select no node' } });
  });

  it('with RebootIfNeeded reboots for an update that needs it, and scans again when the node is back from a later boot', async () => {
    repo.publish([...BASE_PACKAGES, demo('1.4', { postinst: `touch '${repo.rebootRequiredFile}'` })]);
    await runPatchBaseline('Install', 'RebootIfNeeded');
    expect(repo.isInstalled('opsdeck-demo')).toBe('1.4');
    expect(fs.readFileSync(repo.rebootMarkerFile, 'utf8')).toContain('reboot requested');
    expect(await patchState()).toMatchObject({ Operation: 'Install', RebootOption: 'RebootIfNeeded', InstalledPendingRebootCount: 1 });
    const consoleState = async () => (await admin.request<{ state: { IsScanAfterRebootPending?: boolean } }>('GET', `/api/patch-manager/nodes/${nodeId}`)).body.state;
    expect((await consoleState()).IsScanAfterRebootPending).toBe(true);
    const commandsBefore = (await call<{ Commands: unknown[] }>('ListCommands', { InstanceId: nodeId, MaxResults: 50 })).Commands.length;

    // The same boot reconnecting (an agent restart) is not the reboot: nothing is sent.
    await restartAgent(repo.env);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await call<{ Commands: unknown[] }>('ListCommands', { InstanceId: nodeId, MaxResults: 50 })).Commands).toHaveLength(commandsBefore);

    // The reboot: /var/run starts empty and the kernel's boot time is later than the Install.
    fs.rmSync(repo.rebootRequiredFile, { force: true });
    await restartAgent({ ...repo.env, OPSDECK_AGENT_BOOTED_AT: String(Date.now()) });
    const state = await waitFor('the scan after the reboot', async () => {
      const current = await patchState();
      return current.Operation === 'Scan' ? current : undefined;
    }, 120_000);
    expect(state).toMatchObject({ InstalledPendingRebootCount: 0, MissingCount: 0 });
    expect((await patchOf('opsdeck-demo'))?.State).toBe('Installed');
    expect((await consoleState()).IsScanAfterRebootPending).toBeUndefined();
    const { Commands } = await call<{ Commands: { Comment: string; Parameters: Record<string, string[]>; Status: string }[] }>('ListCommands', { InstanceId: nodeId, MaxResults: 50 });
    expect(Commands).toHaveLength(commandsBefore + 1);
    expect(Commands.filter((command) => command.Comment === SCAN_AFTER_REBOOT_COMMENT)).toEqual([expect.objectContaining({ Parameters: expect.objectContaining({ Operation: ['Scan'] }) })]);

    // Once is enough: the next connection from that boot sends nothing more.
    await restartAgent({ ...repo.env, OPSDECK_AGENT_BOOTED_AT: String(Date.now() - 1_000) });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await call<{ Commands: unknown[] }>('ListCommands', { InstanceId: nodeId, MaxResults: 50 })).Commands).toHaveLength(commandsBefore + 1);
  }, 240_000);
});
