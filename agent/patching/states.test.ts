import { describe, expect, it } from 'vitest';
import type { NodePatch, PatchDecision } from '../protocol';
import type { InstalledPackage } from './packages';
import { computePatchStates, type StateInput } from './states';
import { isOnOverrideList, parseOverrideList } from './override-list';

function installed(name: string, version: string, arch = 'amd64'): InstalledPackage {
  return { name, arch, version, epoch: '', release: '', publisher: '', summary: '', section: '', url: '', packageId: '', installedTime: 1_700_000_000_000 };
}

function update(name: string, from: string | undefined, to: string, arch = 'amd64'): NodePatch {
  return { name, arch, installedVersion: from, availableVersion: to, repository: '', section: '', priority: '', classification: 'Security', severity: '', cveIds: [] };
}

function input(overrides: Partial<StateInput> & { decisions: PatchDecision[]; installedDecisions: PatchDecision[] }): StateInput {
  const { decisions, installedDecisions, ...rest } = overrides;
  const updates = rest.updates ?? [];
  return {
    operation: 'Scan',
    updates,
    installedBefore: [],
    installedAfter: rest.installedBefore ?? [],
    attempted: new Set(),
    isPendingReboot: () => false,
    ...rest,
    evaluation: {
      decisions: decisions.map((decision, index) => ({ name: updates[index]!.name, decision, complianceLevel: 'HIGH', classification: 'Security', severity: 'Important' })),
      installedDecisions,
      notApplicable: [],
    },
  };
}

describe('patch states', () => {
  const before = [installed('openssl', '3.0.1'), installed('vim', '9.0'), installed('telnet', '0.17')];

  it('Scan: an approved update is Missing; installed packages follow their decision', () => {
    const states = computePatchStates(input({ installedBefore: before, updates: [update('openssl', '3.0.1', '3.0.2'), update('vim', '9.0', '9.1')], decisions: ['Approved', 'NotApproved'], installedDecisions: ['Approved', 'NotApproved', 'Rejected'] }));
    expect(states.map((state) => [state.KBId, state.Title, state.State])).toEqual([
      ['openssl', 'openssl 3.0.2', 'Missing'],
      ['vim', 'vim 9.0', 'InstalledOther'],
      ['telnet', 'telnet 0.17', 'InstalledRejected'],
    ]);
    expect(states[0]).toMatchObject({ Classification: 'Security', Severity: 'Important', InstalledTime: undefined });
  });

  it('Install: what reached its version is Installed (or pending a reboot), what did not is Failed', () => {
    const updates = [update('openssl', '3.0.1', '3.0.2'), update('vim', '9.0', '9.1')];
    const states = computePatchStates(
      input({
        operation: 'Install',
        installedBefore: before.slice(0, 2),
        installedAfter: [installed('openssl', '3.0.2'), installed('vim', '9.0')],
        updates,
        attempted: new Set(['openssl:amd64', 'vim:amd64']),
        isPendingReboot: (name) => name === 'openssl',
        decisions: ['Approved', 'Approved'],
        installedDecisions: ['Approved', 'Approved'],
      }),
    );
    expect(states.map((state) => [state.KBId, state.State])).toEqual([
      ['openssl', 'InstalledPendingReboot'],
      ['vim', 'Failed'],
    ]);
  });

  it('a new dependency nobody installed is not a patch; one pulled in counts by its decision', () => {
    const updates = [update('libnew', undefined, '1.0'), update('libdep', undefined, '2.0')];
    const states = computePatchStates(
      input({ operation: 'Install', updates, installedBefore: [], installedAfter: [installed('libdep', '2.0')], decisions: ['Approved', 'Rejected'], installedDecisions: [] }),
    );
    expect(states.map((state) => [state.KBId, state.State])).toEqual([['libdep', 'InstalledRejected']]);
  });

  it('uses name:arch as KBId only where one name has several architectures', () => {
    const states = computePatchStates(input({ installedBefore: [installed('libc6', '2.36'), installed('libc6', '2.36', 'i386'), installed('bash', '5.2')], decisions: [], installedDecisions: ['NotApproved', 'NotApproved', 'NotApproved'] }));
    expect(states.map((state) => state.KBId)).toEqual(['libc6:amd64', 'libc6:i386', 'bash']);
  });
});

describe('InstallOverrideList', () => {
  it("reads AWS's YAML and matches by name, name.arch or name:arch", () => {
    const ids = new Set(parseOverrideList("patches:\n  - id: 'openssl.x86_64'\n    title: 'openssl'\n  - id: vim\n", 'test'));
    expect(isOnOverrideList(ids, { name: 'openssl', arch: 'x86_64' })).toBe(true);
    expect(isOnOverrideList(ids, { name: 'vim', arch: 'amd64' })).toBe(true);
    expect(isOnOverrideList(ids, { name: 'bash', arch: 'amd64' })).toBe(false);
  });

  it('says what is wrong with a list that is not one', () => {
    expect(() => parseOverrideList('patches:\n  - title: no id\n', 'https://example.com/list.yaml')).toThrow('InstallOverrideList https://example.com/list.yaml: patches.0.id');
  });
});
