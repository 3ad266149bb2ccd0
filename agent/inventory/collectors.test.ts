import { describe, expect, it } from 'vitest';
import { parseCpuinfo } from './instance';
import { fitForSocket, inventoryItem, MAX_PUT_BYTES } from './item';
import { parseResolvConf, parseRouteTable } from './network';
import { parseServiceStatusAll, parseSystemdUnits } from './services';
import { parseCustomInventory } from './custom';

describe('inventory parsers', () => {
  it('counts sockets, cores and threads from /proc/cpuinfo', () => {
    const cpu = (id: number, core: number) => `processor\t: ${id}\nmodel name\t: Intel Xeon\nphysical id\t: 0\ncore id\t\t: ${core}\ncpu MHz\t\t: 2400.123\n`;
    expect(parseCpuinfo([cpu(0, 0), cpu(1, 1), cpu(2, 0), cpu(3, 1)].join('\n'))).toEqual({ model: 'Intel Xeon', sockets: 1, cores: 2, logical: 4, mhz: 2400, isHyperThreaded: true });
  });

  it('reads the default gateway per interface and the name servers', () => {
    const routes = 'Iface\tDestination\tGateway\tFlags\neth0\t00000000\t010200C0\t0003\neth0\t000200C0\t00000000\t0001\n';
    expect(parseRouteTable(routes)).toEqual(new Map([['eth0', '192.0.2.1']]));
    expect(parseResolvConf('# comment\nnameserver 10.0.0.2\nsearch example.com\nnameserver 2001:db8::1\n')).toEqual(['10.0.0.2', '2001:db8::1']);
  });

  it('maps systemd units and their start types', () => {
    const units = 'ssh.service loaded active running OpenBSD Secure Shell server\ncron.service loaded inactive dead Regular background program processing daemon\n';
    const files = 'ssh.service enabled enabled\ncron.service disabled enabled\n';
    expect(parseSystemdUnits(units, files)).toEqual([
      { Name: 'ssh', DisplayName: 'OpenBSD Secure Shell server', ServiceType: 'systemd', Status: 'Running', StartType: 'Auto' },
      { Name: 'cron', DisplayName: 'Regular background program processing daemon', ServiceType: 'systemd', Status: 'Stopped', StartType: 'Disabled' },
    ]);
  });

  it('maps service --status-all lines', () => {
    expect(parseServiceStatusAll(' [ + ]  ssh\n [ - ]  dbus\n [ ? ]  hwclock.sh\n', (name) => name === 'ssh').map((record) => [record.Name, record.Status, record.StartType])).toEqual([
      ['ssh', 'Running', 'Auto'],
      ['dbus', 'Stopped', 'Manual'],
      ['hwclock.sh', 'Unknown', 'Manual'],
    ]);
  });

  it('reads a custom inventory file with one record or many', () => {
    expect(parseCustomInventory('{"TypeName":"Custom:Rack","Content":{"Row":3,"Hot":true}}')).toEqual({ SchemaVersion: '1.0', TypeName: 'Custom:Rack', Content: [{ Row: '3', Hot: 'true' }] });
    expect(() => parseCustomInventory('{"TypeName":"Custom:Rack","Content":{"Nested":{"a":1}}}')).toThrow('Content');
  });
});

describe('inventory items', () => {
  it('drops free text from a list too big for one socket message', () => {
    const records = Array.from({ length: 5000 }, (_, index) => ({ Name: `package-${index}`, Version: '1.0', Summary: 'x'.repeat(300) }));
    const { item, dropped } = fitForSocket(inventoryItem('AWS:Application', records, new Date()));
    expect(dropped).toEqual(['Summary']);
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThanOrEqual(MAX_PUT_BYTES);
    expect(item.Content?.[0]).toEqual({ Name: 'package-0', Version: '1.0' });
  });
});
