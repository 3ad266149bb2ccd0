import { describe, expect, it } from 'vitest';
import { compileBaseline, decisionOf, globToRegExp, notApplicableEntries, packageSpellings, type BaselineRules, type CandidatePatch } from './evaluate';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T12:00:00Z');

function baseline(overrides: Partial<BaselineRules> = {}): BaselineRules {
  return {
    operatingSystem: 'DEBIAN',
    globalFilters: { PatchFilters: [] },
    approvalRules: { PatchRules: [{ PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['Security'] }] }, ApproveAfterDays: 7, ComplianceLevel: 'HIGH' }] },
    approvedPatches: [],
    approvedPatchesComplianceLevel: 'UNSPECIFIED',
    approvedPatchesEnableNonSecurity: false,
    rejectedPatches: [],
    rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
    ...overrides,
  };
}

function patch(overrides: Partial<CandidatePatch> = {}): CandidatePatch {
  return { name: 'opsdeck-demo', arch: 'all', version: '1.1', product: 'Debian12', section: 'utils', priority: 'optional', classification: 'Security', severity: '', releaseDate: NOW - 10 * DAY, ...overrides };
}

describe('compileBaseline', () => {
  it('approves a security update once ApproveAfterDays have passed since its release, with the rule compliance level', () => {
    const evaluate = compileBaseline(baseline());
    expect(evaluate(patch(), NOW)).toEqual({ status: 'APPROVED', complianceLevel: 'HIGH', approvalDate: NOW - 3 * DAY });
    expect(evaluate(patch({ releaseDate: NOW - 2 * DAY }), NOW)).toMatchObject({ status: 'PENDING_APPROVAL', approvalDate: NOW + 5 * DAY });
  });

  it('leaves what no rule selects not approved', () => {
    expect(compileBaseline(baseline())(patch({ classification: 'Bugfix' }), NOW).status).toBe('NOT_APPROVED');
  });

  it('approves on the release day itself with ApproveAfterDays 0', () => {
    const evaluate = compileBaseline(baseline({ approvalRules: { PatchRules: [{ PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['security'] }] }, ApproveAfterDays: 0 }] } }));
    expect(evaluate(patch({ releaseDate: NOW }), NOW).status).toBe('APPROVED');
  });

  it('approves until a date, inclusive of that day', () => {
    const rule = { PatchFilterGroup: { PatchFilters: [{ Key: 'PRODUCT', Values: ['Debian*'] }] }, ApproveUntilDate: '2026-11-30' };
    const evaluate = compileBaseline(baseline({ approvalRules: { PatchRules: [rule] } }));
    expect(evaluate(patch({ releaseDate: Date.parse('2026-11-30T22:00:00Z') }), NOW).status).toBe('APPROVED');
    expect(evaluate(patch({ releaseDate: Date.parse('2026-12-01T01:00:00Z') }), NOW).status).toBe('NOT_APPROVED');
  });

  it('needs every filter of a rule to match, any value of a filter', () => {
    const rule = { PatchFilterGroup: { PatchFilters: [{ Key: 'PRODUCT', Values: ['Ubuntu22.04', 'Debian12'] }, { Key: 'PACKAGE_NAME', Values: ['opsdeck-*'] }] }, ApproveAfterDays: 0 };
    const evaluate = compileBaseline(baseline({ approvalRules: { PatchRules: [rule] } }));
    expect(evaluate(patch(), NOW).status).toBe('APPROVED');
    expect(evaluate(patch({ product: 'Debian11' }), NOW).status).toBe('NOT_APPROVED');
    expect(evaluate(patch({ name: 'Opsdeck-demo' }), NOW).status).toBe('NOT_APPROVED');
  });

  it('takes the first matching rule', () => {
    const rules = [
      { PatchFilterGroup: { PatchFilters: [{ Key: 'SECTION', Values: ['utils'] }] }, ApproveAfterDays: 0, ComplianceLevel: 'CRITICAL' as const },
      { PatchFilterGroup: { PatchFilters: [{ Key: 'PRODUCT', Values: ['*'] }] }, ApproveAfterDays: 0, ComplianceLevel: 'LOW' as const },
    ];
    const evaluate = compileBaseline(baseline({ approvalRules: { PatchRules: rules } }));
    expect(evaluate(patch(), NOW).complianceLevel).toBe('CRITICAL');
    expect(evaluate(patch({ section: 'libs' }), NOW).complianceLevel).toBe('LOW');
  });

  it('drops what the global filters exclude before any rule', () => {
    const evaluate = compileBaseline(baseline({ globalFilters: { PatchFilters: [{ Key: 'PRIORITY', Values: ['required', 'important'] }] } }));
    expect(evaluate(patch(), NOW).status).toBe('NOT_APPROVED');
    expect(evaluate(patch({ priority: 'Important' }), NOW).status).toBe('APPROVED');
  });

  it('lets the rejected list win over the approved list and the rules', () => {
    const evaluate = compileBaseline(baseline({ rejectedPatches: ['opsdeck-dem*'], approvedPatches: ['opsdeck-demo'] }));
    expect(evaluate(patch(), NOW).status).toBe('EXPLICIT_REJECTED');
    expect(decisionOf(evaluate(patch(), NOW))).toBe('Rejected');
    expect(evaluate(patch({ name: 'opsdeck-extra' }), NOW).status).toBe('APPROVED');
  });

  it('rejects one version only with name=version', () => {
    const evaluate = compileBaseline(baseline({ rejectedPatches: ['opsdeck-demo=1.1'] }));
    expect(evaluate(patch(), NOW).status).toBe('EXPLICIT_REJECTED');
    expect(evaluate(patch({ version: '1.2' }), NOW).status).toBe('APPROVED');
  });

  it('approves listed packages with the approved-list compliance level, even when not security on apt', () => {
    const evaluate = compileBaseline(baseline({ approvedPatches: ['opsdeck-extra'], approvedPatchesComplianceLevel: 'MEDIUM' }));
    expect(evaluate(patch({ name: 'opsdeck-extra', classification: 'Bugfix' }), NOW)).toEqual({ status: 'EXPLICIT_APPROVED', complianceLevel: 'MEDIUM' });
  });

  it('on dnf systems approves non-security updates only where EnableNonSecurity allows', () => {
    const rule = { PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['Bugfix', 'Security'] }] }, ApproveAfterDays: 0 };
    const gated = compileBaseline(baseline({ operatingSystem: 'ROCKY_LINUX', approvalRules: { PatchRules: [rule] }, approvedPatches: ['tzdata'] }));
    expect(gated(patch({ classification: 'Bugfix' }), NOW).status).toBe('NOT_APPROVED');
    expect(gated(patch({ name: 'tzdata', classification: 'Bugfix' }), NOW).status).toBe('NOT_APPROVED');
    const open = compileBaseline(baseline({ operatingSystem: 'ROCKY_LINUX', approvalRules: { PatchRules: [{ ...rule, EnableNonSecurity: true }] }, approvedPatchesEnableNonSecurity: true, approvedPatches: ['tzdata'] }));
    expect(open(patch({ classification: 'Bugfix' }), NOW).status).toBe('APPROVED');
    expect(open(patch({ name: 'tzdata', classification: 'Bugfix' }), NOW).status).toBe('EXPLICIT_APPROVED');
  });

  it('treats a package without a release date as released', () => {
    expect(compileBaseline(baseline())(patch({ releaseDate: undefined }), NOW).status).toBe('APPROVED');
  });
});

describe('package names', () => {
  it('spells a package the ways AWS lists accept', () => {
    expect(packageSpellings('bash', 'x86_64', '0:5.1-2')).toEqual(
      expect.arrayContaining(['bash', 'bash.x86_64', 'bash:x86_64', 'bash=0:5.1-2', 'bash-5.1-2', 'bash-5.1-2.x86_64']),
    );
  });

  it('treats * as the only wildcard', () => {
    expect(globToRegExp('lib*.so', true).test('libssl.so')).toBe(true);
    expect(globToRegExp('lib*.so', true).test('libsslxso')).toBe(false);
    expect(globToRegExp('a+b', true).test('aab')).toBe(false);
  });

  it('reports literal approved entries the node neither has nor is offered as NotApplicable', () => {
    const packages = [patch(), patch({ name: 'curl', version: '7.88' })];
    expect(notApplicableEntries(['curl', 'opsdeck-demo=1.1', 'nginx=1.2', 'vim*'], packages)).toEqual(['nginx']);
  });
});
