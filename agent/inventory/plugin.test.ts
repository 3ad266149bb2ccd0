/**
 * aws:softwareInventory on this machine, for real: dpkg's package list (with a made-up
 * `opsdeck-*` package installed and purged), files, custom inventory. The server's `inventory:put`
 * is a function here that keeps what it is sent.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAptRepo, type AptRepo } from '@/e2e/support/apt-repo';
import type { CommandStep, InventoryItem, InventoryPut } from '../protocol';
import { pluginContext, type FakeCall } from '../patching/testing';
import { softwareInventory } from './plugin';

function inventoryServer(answer: (put: InventoryPut) => Awaited<ReturnType<FakeCall>> = () => ({ ok: true, result: { changed: true } })) {
  const items: InventoryItem[] = [];
  const call = (async (_event: string, payload: unknown) => {
    const put = payload as InventoryPut;
    items.push(put.item);
    return answer(put);
  }) as FakeCall;
  return { call, items, item: (typeName: string) => items.find((item) => item.TypeName === typeName) };
}

function inventoryStep(inputs: Record<string, unknown> = {}): CommandStep {
  return { name: 'collectSoftwareInventoryItems', action: 'aws:softwareInventory', inputs };
}

describe('aws:softwareInventory', () => {
  let repo: AptRepo;
  let scratch: string;
  let savedCustomDir: string | undefined;

  beforeAll(() => {
    repo = createAptRepo({ packages: [{ name: 'opsdeck-inventory-demo', version: '2.0', pocket: 'main', section: 'utils' }] });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-inventory-'));
    savedCustomDir = process.env.OPSDECK_CUSTOM_INVENTORY_DIR;
    process.env.OPSDECK_CUSTOM_INVENTORY_DIR = path.join(scratch, 'custom');
  });

  afterAll(() => {
    if (savedCustomDir === undefined) delete process.env.OPSDECK_CUSTOM_INVENTORY_DIR;
    else process.env.OPSDECK_CUSTOM_INVENTORY_DIR = savedCustomDir;
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    repo?.cleanup();
  });

  it('sends one item per type, in PutInventory shape, and prints what it collected', async () => {
    const server = inventoryServer();
    const ctx = pluginContext(server.call);
    const outcome = await softwareInventory(inventoryStep({ applications: 'Enabled', services: 'Enabled', networkConfig: 'Enabled' }), ctx);
    expect(outcome, ctx.stderr()).toEqual({ status: 'Success', exitCode: 0 });
    const types = server.items.map((item) => item.TypeName);
    expect(types).toEqual(expect.arrayContaining(['AWS:InstanceInformation', 'AWS:Application', 'AWS:Network', 'AWS:Service', 'AWS:InstanceDetailedInformation']));
    expect(new Set(types).size).toBe(types.length);
    for (const item of server.items) {
      expect(item).toMatchObject({ SchemaVersion: '1.0', CaptureTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
      expect(item.ContentHash).toBe(createHash('sha256').update(JSON.stringify(item.Content)).digest('hex'));
    }
    expect(server.item('AWS:InstanceInformation')?.Content?.[0]).toMatchObject({ InstanceId: ctx.nodeId, ResourceType: 'ManagedInstance', PlatformType: 'Linux' });
    expect(server.item('AWS:Application')?.Content).toContainEqual(expect.objectContaining({ Name: 'dpkg', Publisher: expect.any(String), Version: expect.any(String) }));
    expect(server.item('AWS:InstanceDetailedInformation')?.Content?.[0]).toMatchObject({ CPUs: String(os.cpus().length), KernelRelease: os.release() });
    // This machine has no systemd as PID 1: the SysV scripts in /etc/init.d are its services.
    if (!fs.existsSync('/run/systemd/system') && fs.existsSync('/etc/init.d')) {
      expect(server.item('AWS:Service')?.Content).toContainEqual(expect.objectContaining({ ServiceType: 'sysvinit', Status: expect.stringMatching(/^(Running|Stopped|Unknown)$/) }));
    }
    expect(ctx.stdout()).toMatch(/AWS:Application\s+\d+\s+changed/);
  });

  it('reports a package installed with dpkg, and no longer after it is purged', async () => {
    const applications = async () => {
      const server = inventoryServer();
      const ctx = pluginContext(server.call);
      await softwareInventory(inventoryStep({ networkConfig: 'Disabled', services: 'Disabled', instanceDetailedInformation: 'Disabled', customInventory: 'Disabled' }), ctx);
      return server.item('AWS:Application')?.Content ?? [];
    };
    repo.installDirect('opsdeck-inventory-demo', '2.0');
    expect(await applications()).toContainEqual(
      expect.objectContaining({
        Name: 'opsdeck-inventory-demo',
        Version: '2.0',
        Architecture: 'all',
        ApplicationType: 'utils',
        Publisher: 'Opsdeck Tests <tests@opsdeck.invalid>',
        PackageId: 'opsdeck-inventory-demo_2.0_all.deb',
        InstalledTime: expect.stringMatching(/Z$/),
      }),
    );
    execFileSync('dpkg', ['--purge', 'opsdeck-inventory-demo'], { stdio: 'ignore' });
    expect((await applications()).map((record) => record.Name)).not.toContain('opsdeck-inventory-demo');
  });

  describe('AWS:File', () => {
    let root: string;
    beforeAll(() => {
      root = path.join(scratch, 'files');
      fs.mkdirSync(path.join(root, 'sub', 'deeper'), { recursive: true });
      fs.writeFileSync(path.join(root, 'app.conf'), 'port = 80\n');
      fs.writeFileSync(path.join(root, '.hidden.conf'), 'secret = no\n');
      fs.writeFileSync(path.join(root, 'notes.txt'), 'not matched\n');
      fs.writeFileSync(path.join(root, 'sub', 'db.conf'), 'host = db\n');
      fs.writeFileSync(path.join(root, 'sub', 'deeper', 'cache.conf'), 'size = 1\n');
    });

    const collect = async (query: Record<string, unknown>) => {
      const server = inventoryServer();
      const ctx = pluginContext(server.call);
      await softwareInventory(inventoryStep({ applications: 'Disabled', files: JSON.stringify([{ Path: root, ...query }]) }), ctx);
      return { records: server.item('AWS:File')?.Content ?? [], ctx };
    };
    const names = (records: Record<string, string>[]) => records.map((record) => path.join(record.InstalledDir!, record.Name!)).sort();

    it('matches the patterns in the folder only, unless Recursive', async () => {
      expect(names((await collect({ Pattern: ['*.conf'] })).records)).toEqual([path.join(root, '.hidden.conf'), path.join(root, 'app.conf')]);
      expect(names((await collect({ Pattern: ['*.conf'], Recursive: true })).records)).toEqual(
        [path.join(root, '.hidden.conf'), path.join(root, 'app.conf'), path.join(root, 'sub', 'db.conf'), path.join(root, 'sub', 'deeper', 'cache.conf')].sort(),
      );
      expect(names((await collect({ Pattern: ['notes.*', 'db.conf'], Recursive: true })).records)).toEqual([path.join(root, 'notes.txt'), path.join(root, 'sub', 'db.conf')].sort());
    });

    it('gives size, times and a sha256 of each file', async () => {
      const { records } = await collect({ Pattern: ['app.conf'] });
      expect(records).toEqual([
        expect.objectContaining({
          Name: 'app.conf',
          Size: '10',
          InstalledDir: root,
          ModificationTime: expect.stringMatching(/Z$/),
          LastAccessTime: expect.stringMatching(/Z$/),
          Hash: createHash('sha256').update('port = 80\n').digest('hex'),
        }),
      ]);
    });

    it('stops after DirScanLimit folders and says so', async () => {
      const { records, ctx } = await collect({ Pattern: ['*.conf'], Recursive: true, DirScanLimit: 2 });
      expect(names(records)).toEqual([path.join(root, '.hidden.conf'), path.join(root, 'app.conf'), path.join(root, 'sub', 'db.conf')].sort());
      expect(ctx.stderr()).toContain('DirScanLimit 2');
    });

    it('reports a bad files input without failing the other types', async () => {
      const server = inventoryServer();
      const ctx = pluginContext(server.call);
      const outcome = await softwareInventory(inventoryStep({ applications: 'Disabled', files: '[{"Path": "relative", "Pattern": ["*"]}]' }), ctx);
      expect(outcome.status).toBe('Success');
      expect(server.item('AWS:File')).toBeUndefined();
      expect(ctx.stderr()).toContain('AWS:File: files: 0.Path: Path must be absolute');
    });
  });

  it('picks up custom inventory files and skips a bad one with a message', async () => {
    const dir = process.env.OPSDECK_CUSTOM_INVENTORY_DIR!;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'RackInfo.json'), JSON.stringify({ SchemaVersion: '1.0', TypeName: 'Custom:RackInfo', Content: { Location: 'Room 4', Units: 42 } }));
    fs.writeFileSync(path.join(dir, 'Owners.json'), JSON.stringify({ TypeName: 'Custom:Owners', Content: [{ Team: 'web' }, { Team: 'db' }] }));
    fs.writeFileSync(path.join(dir, 'Broken.json'), '{"TypeName": "Custom:Broken", "Content": ');
    fs.writeFileSync(path.join(dir, 'Wrong.json'), JSON.stringify({ TypeName: 'AWS:Application', Content: {} }));
    const server = inventoryServer();
    const ctx = pluginContext(server.call);
    const outcome = await softwareInventory(inventoryStep({ applications: 'Disabled' }), ctx);
    expect(outcome.status).toBe('Success');
    expect(server.item('Custom:RackInfo')?.Content).toEqual([{ Location: 'Room 4', Units: '42' }]);
    expect(server.item('Custom:Owners')?.Content).toEqual([{ Team: 'web' }, { Team: 'db' }]);
    expect(ctx.stderr()).toContain(`custom inventory ${path.join(dir, 'Broken.json')} skipped: not JSON`);
    expect(ctx.stderr()).toContain(`custom inventory ${path.join(dir, 'Wrong.json')} skipped: TypeName: TypeName must be Custom:Name`);
    expect(server.items.map((item) => item.TypeName)).not.toContain('Custom:Broken');
  });

  it('fails only when the server takes nothing, with each refusal in the output', async () => {
    const server = inventoryServer(() => ({ ok: false, error: 'node is deregistered' }));
    const ctx = pluginContext(server.call);
    const outcome = await softwareInventory(inventoryStep({ applications: 'Disabled' }), ctx);
    expect(outcome).toMatchObject({ status: 'Failed', message: expect.stringContaining('no inventory could be sent') });
    expect(ctx.stderr()).toContain('AWS:InstanceInformation: the server refused it: node is deregistered');
  });

  it('rejects a switch that is neither Enabled nor Disabled', async () => {
    const ctx = pluginContext(inventoryServer().call);
    expect(await softwareInventory(inventoryStep({ services: 'Yes' }), ctx)).toMatchObject({ status: 'Failed', message: 'services: expected Enabled or Disabled' });
  });

  it('stops when the command is cancelled', async () => {
    const controller = new AbortController();
    controller.abort('Cancelled');
    const ctx = pluginContext(inventoryServer().call, { signal: controller.signal });
    expect(await softwareInventory(inventoryStep(), ctx)).toMatchObject({ status: 'Cancelled' });
  });
});
