import { describe, expect, it } from 'vitest';
import { copyDraftOf, draftOf, emptyDraft, newRule, settingsOf } from './baseline-form-state';
import type { Baseline } from './queries';

describe('baseline form state', () => {
  it('turns the form into CreatePatchBaseline members', () => {
    const draft = { ...emptyDraft(), name: ' web ', rules: [{ ...newRule(), days: '0', filters: [{ key: 'PRODUCT', values: 'Debian12, Ubuntu22.04' }] }], rejectedPatches: 'opsdeck-dem*\n nginx=1.2 ', rejectedPatchesAction: 'BLOCK' as const };
    const settings = settingsOf(draft);
    expect(settings.Name).toBe('web');
    expect(settings.ApprovalRules?.PatchRules[0]).toMatchObject({ ApproveAfterDays: 0, PatchFilterGroup: { PatchFilters: [{ Key: 'PRODUCT', Values: ['Debian12', 'Ubuntu22.04'] }] } });
    expect(settings.RejectedPatches).toEqual(['opsdeck-dem*', 'nginx=1.2']);
    expect(settings.RejectedPatchesAction).toBe('BLOCK');
  });

  it('gives back the same baseline it was made from', () => {
    const baseline = {
      Name: 'web',
      Description: 'web servers',
      OperatingSystem: 'UBUNTU',
      GlobalFilters: { PatchFilters: [{ Key: 'PRIORITY', Values: ['required'] }] },
      ApprovalRules: { PatchRules: [{ PatchFilterGroup: { PatchFilters: [{ Key: 'CLASSIFICATION', Values: ['Security'] }] }, ApproveUntilDate: '2026-12-31', ComplianceLevel: 'HIGH', EnableNonSecurity: false }] },
      ApprovedPatches: ['curl'],
      ApprovedPatchesComplianceLevel: 'LOW',
      ApprovedPatchesEnableNonSecurity: false,
      RejectedPatches: [],
      RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
      Sources: [{ Name: 'extra', Products: ['Ubuntu22.04'], Configuration: 'deb http://example/ jammy main' }],
    } as unknown as Baseline;
    const settings = settingsOf(draftOf(baseline));
    expect(settings).toMatchObject({ Name: 'web', Description: 'web servers', GlobalFilters: baseline.GlobalFilters, ApprovalRules: baseline.ApprovalRules, ApprovedPatches: ['curl'], Sources: baseline.Sources });

    // A copy keeps the rules under a name of its own; AWS- is kept for predefined baselines.
    const copy = settingsOf(copyDraftOf({ ...baseline, Name: 'AWS-UbuntuDefaultPatchBaseline' }));
    expect(copy).toMatchObject({ Name: 'UbuntuDefaultPatchBaseline-copy', Description: 'Copy of AWS-UbuntuDefaultPatchBaseline: web servers', ApprovalRules: baseline.ApprovalRules });
  });
});
