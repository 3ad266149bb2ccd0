import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFleet, type Fleet } from '../../bench/fleet/simulator';
import { createAptRepo, type AptRepo } from '../support/apt-repo';
import { awsCli, BOOTSTRAP_ENV, signedSsmCall } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

type Entry = Record<string, string>;
interface Entity {
  Id?: string;
  Data: Record<string, { TypeName: string; SchemaVersion: string; CaptureTime?: string; Content: Entry[] }>;
}
interface HistoryRow {
  change: string;
  itemKey: string;
  typeName: string;
}

const DEMO = 'opsdeck-inv-demo';
// Textually 1.2.3 sorts after 1.10; dpkg puts it before: the query must answer as dpkg does.
const DEMO_VERSION = '1.2.3-1';
const DEFAULT_ASSOCIATION = 'Opsdeck-GatherSoftwareInventory';

describe('Inventory with a real agent and the real package database', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let fleet: Fleet;
  let repo: AptRepo;
  let nodeId: string;
  let databaseUrl: string;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-inventory-'));
  const customDir = path.join(scratch, 'custom');

  async function call<T = Record<string, unknown>>(operation: string, body: unknown): Promise<T> {
    const { status, body: response } = await signedSsmCall(server.url, operation, body);
    if (status !== 200) throw new Error(`${operation}: ${status} ${JSON.stringify(response)}`);
    return response as T;
  }

  async function failureOf(operation: string, body: unknown): Promise<{ type: string; message: string }> {
    const { status, body: response } = await signedSsmCall(server.url, operation, body);
    expect(status, JSON.stringify(response)).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    return { type: String(response.__type), message: String(response.message) };
  }

  const entries = async (typeName: string, filters?: unknown[]) =>
    (await call<{ Entries: Entry[]; CaptureTime: string }>('ListInventoryEntries', { InstanceId: nodeId, TypeName: typeName, ...(filters ? { Filters: filters } : {}), MaxResults: 50 }));

  const defaultAssociation = async () =>
    (await call<{ Associations: { AssociationId: string; Name: string; ScheduleExpression?: string; Targets: unknown }[] }>('ListAssociations', { AssociationFilterList: [{ key: 'AssociationName', value: DEFAULT_ASSOCIATION }] })).Associations;

  /** "Refresh now" through the console, followed until the collection has ended. */
  async function refresh(): Promise<void> {
    const started = await admin.request<{ commandId: string }>('POST', `/api/inventory/nodes/${nodeId}/refresh`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const done = await waitFor('the inventory refresh to end', async () => {
      const progress = await admin.request<{ isDone: boolean; status: string; capturedAt: string | null }>('GET', `/api/inventory/nodes/${nodeId}/refresh/${started.body.commandId}`);
      return progress.body.isDone ? progress.body : undefined;
    }, 90_000);
    expect(done.status).toBe('Success');
    expect(Date.now() - new Date(done.capturedAt!).getTime()).toBeLessThan(120_000);
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'inventory');
    server = await startServer({ databaseUrl, env: { ...BOOTSTRAP_ENV, OPSDECK_DEFAULT_INVENTORY: '1' } });
    admin = await ConsoleClient.signIn(server.url);
    fs.mkdirSync(customDir, { recursive: true });
    fs.writeFileSync(path.join(customDir, 'rack.json'), JSON.stringify({ SchemaVersion: '1.0', TypeName: 'Custom:RackInfo', Content: { RackLocation: 'Bay B/Row C/Rack D/Shelf E' } }));
    // The in-process agents read the custom inventory folder from the environment.
    process.env.OPSDECK_CUSTOM_INVENTORY_DIR = customDir;
    const activation = await admin.createActivation({ registrationLimit: 1 });
    fleet = await startFleet({ serverUrl: server.url, ...activation, count: 1, namePrefix: 'inv', stateRoot: path.join(scratch, 'fleet') });
    await fleet.online();
    nodeId = fleet.nodes[0]!.nodeId;
    repo = createAptRepo({ packages: [{ name: DEMO, version: DEMO_VERSION, pocket: 'main' }] });
  }, 180_000);

  afterAll(async () => {
    repo?.cleanup();
    delete process.env.OPSDECK_CUSTOM_INVENTORY_DIR;
    await fleet?.stop();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('creates the default association on first start, which collects the node’s inventory', async () => {
    const [association] = await defaultAssociation();
    expect(association).toMatchObject({ Name: 'AWS-GatherSoftwareInventory', ScheduleExpression: 'rate(30 minutes)', Targets: [{ Key: 'InstanceIds', Values: ['*'] }] });
    // The node registered after the association: it gets a run as a new target.
    const run = await waitFor('the association’s run on the new node', async () => {
      const { AssociationExecutions } = await call<{ AssociationExecutions: { Status: string; Trigger: string }[] }>('DescribeAssociationExecutions', { AssociationId: association!.AssociationId });
      return AssociationExecutions.find((execution) => execution.Trigger === 'NewTarget' && ['Success', 'Failed'].includes(execution.Status));
    }, 120_000);
    expect(run.Status).toBe('Success');
    const packages = await waitFor('the node’s packages', async () => {
      const page = await call<{ Entities: Entity[] }>('GetInventory', { Filters: [{ Key: 'AWS:Application.Name', Values: ['dpkg'], Type: 'Equal' }], ResultAttributes: [{ TypeName: 'AWS:Application' }] });
      return page.Entities.find((entity) => entity.Id === nodeId);
    }, 120_000);
    const dpkg = packages.Data['AWS:Application']!;
    expect(dpkg.Content).toHaveLength(1);
    expect(dpkg.Content[0]).toMatchObject({ Name: 'dpkg', Version: expect.stringMatching(/^\d/) });
    expect(dpkg.CaptureTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const info = await call<{ Entities: Entity[] }>('GetInventory', {});
    expect(info.Entities.find((entity) => entity.Id === nodeId)?.Data['AWS:InstanceInformation']?.Content[0]).toMatchObject({ InstanceId: nodeId, PlatformType: 'Linux' });
    expect((await entries('AWS:Network')).Entries.length).toBeGreaterThan(0);
    expect((await entries('AWS:InstanceDetailedInformation')).Entries[0]).toMatchObject({ KernelRelease: os.release() });
    expect((await entries('Custom:RackInfo')).Entries).toEqual([{ RackLocation: 'Bay B/Row C/Rack D/Shelf E' }]);

    // The real AWS CLI reads the schema, built-in and custom types alike.
    const schema = await awsCli(server.url, ['get-inventory-schema']);
    expect(schema.code, schema.stderr).toBe(0);
    const types = (schema.json as { Schemas: { TypeName: string; Attributes: { Name: string; DataType: string }[] }[] }).Schemas;
    expect(types.find((type) => type.TypeName === 'AWS:Application')?.Attributes).toContainEqual({ Name: 'Version', DataType: 'string' });
    expect(types.find((type) => type.TypeName === 'Custom:RackInfo')?.Attributes).toEqual([{ Name: 'RackLocation', DataType: 'string' }]);
  });

  it('sees a package installed on the node in the next collection and in a version query, and its removal in the history', async () => {
    repo.installDirect(DEMO, DEMO_VERSION);
    await refresh();
    const [demo] = (await entries('AWS:Application', [{ Key: 'Name', Values: [DEMO], Type: 'Equal' }])).Entries;
    expect(demo).toMatchObject({ Name: DEMO, Architecture: 'all' });
    // dpkg's version is upstream-revision; however the agent splits it, the two make 1.2.3-1 again.
    expect([demo!.Version, `${demo!.Version}-${demo!.Release}`]).toContain(DEMO_VERSION);

    const below = (version: string) =>
      call<{ Entities: Entity[] }>('GetInventory', {
        Filters: [
          { Key: 'AWS:Application.Name', Values: [DEMO], Type: 'Equal' },
          { Key: 'AWS:Application.Version', Values: [version], Type: 'LessThan' },
        ],
        ResultAttributes: [{ TypeName: 'AWS:Application' }],
      });
    expect((await below('1.10')).Entities.map((entity) => entity.Id)).toEqual([nodeId]);
    expect((await below('1.2.3-1')).Entities).toEqual([]);
    expect((await below('1.2.3-1ubuntu1')).Entities.map((entity) => entity.Id)).toEqual([nodeId]);

    const spread = await call<{ Entities: Entity[] }>('GetInventory', {
      Filters: [{ Key: 'AWS:Application.Name', Values: [DEMO], Type: 'Equal' }],
      Aggregators: [{ Expression: 'AWS:Application.Version' }],
    });
    expect(spread.Entities[0]!.Data['AWS:Application']!.Content).toEqual([{ Version: demo!.Version, Count: '1' }]);

    const history = async () => (await admin.request<{ rows: HistoryRow[] }>('GET', `/api/inventory/nodes/${nodeId}/history?type=AWS:Application`)).body.rows;
    expect(await history()).toContainEqual(expect.objectContaining({ change: 'Added', itemKey: `${DEMO}:all` }));

    repo.cleanup();
    const [association] = await defaultAssociation();
    await call('StartAssociationsOnce', { AssociationIds: [association!.AssociationId] });
    await waitFor('the removal in the history', async () => (await history()).some((row) => row.change === 'Removed' && row.itemKey === `${DEMO}:all`), 90_000);
    expect((await entries('AWS:Application', [{ Key: 'Name', Values: [DEMO], Type: 'Equal' }])).Entries).toEqual([]);
  });

  it('takes custom inventory through PutInventory, refuses bad items by name, and deletes a custom type', async () => {
    const item = (TypeName: string, Content: Entry[], SchemaVersion = '1.0') => ({ TypeName, SchemaVersion, CaptureTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Content });
    await call('PutInventory', { InstanceId: nodeId, Items: [item('Custom:Licenses', [{ Id: 'lic-1', Product: 'db', Seats: '10' }, { Id: 'lic-2', Product: 'cache', Seats: '2' }])] });
    const licensed = await call<{ Entities: Entity[] }>('GetInventory', { Filters: [{ Key: 'Custom:Licenses.Product', Values: ['d'], Type: 'BeginWith' }], ResultAttributes: [{ TypeName: 'Custom:Licenses' }] });
    expect(licensed.Entities[0]!.Data['Custom:Licenses']!.Content).toEqual([{ Id: 'lic-1', Product: 'db', Seats: '10' }]);

    expect(await failureOf('PutInventory', { InstanceId: nodeId, Items: [item('AWS:Bogus', [{ Name: 'x' }])] })).toMatchObject({ type: 'InvalidTypeNameException' });
    expect(await failureOf('PutInventory', { InstanceId: nodeId, Items: [item('Licenses', [{ Id: 'x' }])] })).toMatchObject({ type: 'InvalidTypeNameException' });
    expect(await failureOf('PutInventory', { InstanceId: nodeId, Items: [item('AWS:Application', [{ Name: 'x', Colour: 'red' }], '1.1')] })).toMatchObject({ type: 'InvalidItemContentException', message: expect.stringContaining('Colour') });
    expect(await failureOf('PutInventory', { InstanceId: nodeId, Items: [item('AWS:Application', [{ Name: 'x' }], '7.0')] })).toMatchObject({ type: 'UnsupportedInventorySchemaVersionException' });
    const big = Array.from({ length: 60 }, (_, index) => ({ Id: String(index), Blob: 'x'.repeat(4000) }));
    expect(await failureOf('PutInventory', { InstanceId: nodeId, Items: [item('Custom:Big', big)] })).toMatchObject({ type: 'ItemSizeLimitExceededException' });
    expect(await failureOf('PutInventory', { InstanceId: 'mi-00000000000000000', Items: [item('Custom:Licenses', [{ Id: 'x' }])] })).toMatchObject({ type: 'InvalidInstanceId' });
    expect(await failureOf('GetInventory', { Filters: [{ Key: 'Application.Name', Values: ['x'] }] })).toMatchObject({ type: 'InvalidFilterKey' });
    expect(await failureOf('DeleteInventory', { TypeName: 'AWS:Application' })).toMatchObject({ type: 'InvalidTypeNameException' });
    expect(await failureOf('DeleteInventory', { TypeName: 'Custom:Licenses', SchemaDeleteOption: 'Shred' })).toMatchObject({ type: 'InvalidOptionException' });

    const dryRun = await call<{ DeletionSummary: { TotalCount: number; RemainingCount: number } }>('DeleteInventory', { TypeName: 'Custom:Licenses', DryRun: true });
    expect(dryRun.DeletionSummary).toMatchObject({ TotalCount: 1, RemainingCount: 1 });
    expect((await entries('Custom:Licenses')).Entries).toHaveLength(2);

    const deleted = await call<{ DeletionId: string; DeletionSummary: { TotalCount: number; RemainingCount: number; SummaryItems: unknown[] } }>('DeleteInventory', { TypeName: 'Custom:Licenses', SchemaDeleteOption: 'DisableSchema' });
    expect(deleted.DeletionSummary).toEqual({ TotalCount: 1, RemainingCount: 0, SummaryItems: [{ Version: '1.0', Count: 1, RemainingCount: 0 }] });
    expect((await entries('Custom:Licenses')).Entries).toEqual([]);
    // Disabled: the same version is refused until a higher one turns the type back on.
    expect(await failureOf('PutInventory', { InstanceId: nodeId, Items: [item('Custom:Licenses', [{ Id: 'lic-3' }])] })).toMatchObject({ type: 'UnsupportedInventorySchemaVersionException' });
    await call('PutInventory', { InstanceId: nodeId, Items: [item('Custom:Licenses', [{ Id: 'lic-3' }], '1.1')] });
    expect((await entries('Custom:Licenses')).Entries).toEqual([{ Id: 'lic-3' }]);
    await call('DeleteInventory', { TypeName: 'Custom:Licenses', SchemaDeleteOption: 'DeleteSchema' });
    expect((await call<{ Schemas: { TypeName: string }[] }>('GetInventorySchema', {})).Schemas.map((schema) => schema.TypeName)).not.toContain('Custom:Licenses');
  });

  it('exports a query as CSV', async () => {
    const filters = JSON.stringify([{ typeName: 'AWS:Application', attribute: 'Name', operator: 'Equal', values: ['dpkg'] }]);
    const response = await fetch(`${server.url}/api/inventory/export?filters=${encodeURIComponent(filters)}`, { headers: { cookie: admin.cookie } });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^NodeId,Name,Platform,CapturedAt,DataAgeSeconds,TypeName,/);
    expect(lines.slice(1).some((line) => line.startsWith(`${nodeId},inv-0,`) && line.includes(',AWS:Application,'))).toBe(true);
  });

  it('creates the default association only once: a deleted one stays deleted after a restart', async () => {
    const [association] = await defaultAssociation();
    await call('DeleteAssociation', { AssociationId: association!.AssociationId });
    await server.stop();
    server = await startServer({ databaseUrl, port: server.port, dataDir: server.dataDir, env: { ...BOOTSTRAP_ENV, OPSDECK_DEFAULT_INVENTORY: '1' } });
    expect(await defaultAssociation()).toEqual([]);
  });
});
