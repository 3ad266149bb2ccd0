import { describe, expect, it } from 'vitest';
import { diffEntries } from './diff';
import { keyEntries } from './item-keys';

const app = (Name: string, Version: string, Architecture = 'amd64') => ({ Name, Version, Architecture });

describe('inventory diffing', () => {
  it('tells a version change from a removal plus an addition', () => {
    const before = keyEntries('AWS:Application', [app('openssl', '3.0.11-1'), app('curl', '7.88.1-10'), app('vim', '2:9.0')]);
    const after = keyEntries('AWS:Application', [app('openssl', '3.0.15-1'), app('curl', '7.88.1-10'), app('nginx', '1.22.1-9')]);
    const changes = diffEntries(before, after);
    expect(changes.map((change) => [change.change, change.itemKey])).toEqual([
      ['Changed', 'openssl:amd64'],
      ['Added', 'nginx:amd64'],
      ['Removed', 'vim:amd64'],
    ]);
    expect(changes[0]!.before?.Version).toBe('3.0.11-1');
    expect(changes[0]!.after?.Version).toBe('3.0.15-1');
  });

  it('keeps the same package for two architectures apart', () => {
    const keyed = keyEntries('AWS:Application', [app('libc6', '2.36', 'amd64'), app('libc6', '2.36', 'i386')]);
    expect([...keyed.keys()]).toEqual(['libc6:amd64', 'libc6:i386']);
  });

  it('keys files by path, services and interfaces by name, single-entry types by one key', () => {
    expect([...keyEntries('AWS:File', [{ Name: 'app.conf', InstalledDir: '/etc/app/' }]).keys()]).toEqual(['/etc/app/app.conf']);
    expect([...keyEntries('AWS:Service', [{ Name: 'nginx.service', Status: 'Running' }]).keys()]).toEqual(['nginx.service']);
    expect([...keyEntries('AWS:InstanceDetailedInformation', [{ CPUModel: 'x' }]).keys()]).toEqual(['-']);
  });

  it('keys custom entries by an identifying attribute, else by position', () => {
    expect([...keyEntries('Custom:Rack', [{ Id: 'r1', Row: '3' }, { Id: 'r2', Row: '4' }]).keys()]).toEqual(['r1', 'r2']);
    // Name repeats, so it cannot tell the entries apart.
    expect([...keyEntries('Custom:Disk', [{ Name: 'sda', Slot: '1' }, { Name: 'sda', Slot: '2' }]).keys()]).toEqual(['#0', '#1']);
  });

  it('reports nothing when nothing changed, whatever the attribute order', () => {
    const before = keyEntries('AWS:Service', [{ Name: 'ssh', Status: 'Running' }]);
    const after = keyEntries('AWS:Service', [{ Status: 'Running', Name: 'ssh' }]);
    expect(diffEntries(before, after)).toEqual([]);
  });
});
