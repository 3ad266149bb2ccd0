import { describe, expect, it } from 'vitest';
import { parsePolicies } from '@/server/parameters/rules';
import { EMPTY_POLICIES_DRAFT, describePolicy, draftOfPolicies, policiesJson, policiesProblems, toLocalInput, type PoliciesDraft } from './policies-draft';

const NOW = new Date('2026-03-01T12:00:00Z');
const draft = (patch: Partial<PoliciesDraft>): PoliciesDraft => ({ ...EMPTY_POLICIES_DRAFT, ...patch });

describe('policiesJson', () => {
  it('builds the JSON array PutParameter takes, which the server parses', () => {
    const at = toLocalInput(new Date('2026-12-31T23:00:00Z'));
    const json = policiesJson(
      draft({
        expiration: { isOn: true, at },
        expirationNotification: { isOn: true, before: '15', unit: 'Days' },
        noChangeNotification: { isOn: true, after: ' 48 ', unit: 'Hours' },
      }),
    );
    expect(JSON.parse(json)).toEqual([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: '2026-12-31T23:00:00.000Z' } },
      { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '15', Unit: 'Days' } },
      { Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '48', Unit: 'Hours' } },
    ]);
    expect(parsePolicies(json)).toHaveLength(3);
  });

  it('is an empty array when every policy is off (an edit that removes them)', () => {
    expect(policiesJson(EMPTY_POLICIES_DRAFT)).toBe('[]');
  });
});

describe('policiesProblems', () => {
  it('wants a future expiration', () => {
    expect(policiesProblems(draft({ expiration: { isOn: true, at: '' } }), NOW)).toEqual(['Expiration: choose the date and time the parameter is deleted.']);
    expect(policiesProblems(draft({ expiration: { isOn: true, at: toLocalInput(new Date('2026-01-01T00:00:00Z')) } }), NOW)).toEqual(['Expiration: the date and time must be in the future.']);
  });

  it('wants an expiration for an expiration notification, and whole numbers', () => {
    expect(policiesProblems(draft({ expirationNotification: { isOn: true, before: '0', unit: 'Days' } }), NOW)).toEqual([
      'Expiration notification: it counts back from an expiration, so switch on Expiration too.',
      'Expiration notification: "before" is a whole number of at least 1.',
    ]);
    expect(policiesProblems(draft({ noChangeNotification: { isOn: true, after: '1.5', unit: 'Days' } }), NOW)).toEqual(['No-change notification: "after" is a whole number of at least 1.']);
  });

  it('has nothing to say about policies that are off', () => {
    expect(policiesProblems(draft({ expiration: { isOn: false, at: 'garbage' } }), NOW)).toEqual([]);
  });
});

describe('draftOfPolicies', () => {
  it('turns stored policies back into the editor, round trip', () => {
    const original = draft({ expiration: { isOn: true, at: toLocalInput(new Date('2027-05-01T10:30:00Z')) }, noChangeNotification: { isOn: true, after: '30', unit: 'Days' } });
    const stored = (JSON.parse(policiesJson(original)) as { Type: string }[]).map((policy) => ({ PolicyText: JSON.stringify(policy), PolicyType: policy.Type }));
    expect(draftOfPolicies(stored)).toEqual(original);
  });

  it('says what a policy does, in words', () => {
    const text = (policy: object, type: string) => describePolicy({ PolicyText: JSON.stringify(policy), PolicyType: type }, (iso) => iso);
    expect(text({ Attributes: { Timestamp: '2027-01-01T00:00:00Z' } }, 'Expiration')).toBe('Deletes the parameter on 2027-01-01T00:00:00Z');
    expect(text({ Attributes: { Before: '1', Unit: 'Days' } }, 'ExpirationNotification')).toBe('Raises an event 1 day before the parameter expires');
    expect(text({ Attributes: { After: '12', Unit: 'Hours' } }, 'NoChangeNotification')).toBe('Raises an event if the parameter has not changed for 12 hours');
  });
});
