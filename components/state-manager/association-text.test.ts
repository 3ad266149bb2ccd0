import { describe, expect, it } from 'vitest';
import { orderedCounts, parseResourceCounts, reasonInWords, targetsInWords, triggerLabel } from './association-text';

describe('targetsInWords', () => {
  it.each([
    [[{ Key: 'InstanceIds', Values: ['*'] }], 'every managed node'],
    [[{ Key: 'tag:Role', Values: ['web', 'api'] }], 'Role = web or api'],
    [[{ Key: 'resource-groups:Name', Values: ['web-prod'] }], 'resource group web-prod'],
    [[{ Key: 'InstanceIds', Values: ['mi-1', 'mi-2', 'mi-3'] }], 'mi-1, mi-2 and 1 more'],
  ])('%j → %s', (targets, expected) => {
    expect(targetsInWords(targets)).toBe(expected);
  });
});

describe('parseResourceCounts', () => {
  it('reads AWS ResourceCountByStatus', () => {
    expect(parseResourceCounts('{Success=3,Failed=1}')).toEqual({ Success: 3, Failed: 1 });
    expect(parseResourceCounts('{}')).toEqual({});
    expect(parseResourceCounts(undefined)).toEqual({});
  });
});

describe('reasonInWords', () => {
  it('says why a run was skipped or failed', () => {
    expect(reasonInWords({ Status: 'Skipped', DetailedStatus: 'ChangeCalendarClosed', Reason: 'change calendar freeze is CLOSED' })).toBe('Not run: change calendar freeze is CLOSED');
    expect(reasonInWords({ Status: 'Failed', DetailedStatus: 'Failed', Reason: 'InvalidInstanceId: mi-1 is not a managed node' })).toBe('Failed before running: mi-1 is not a managed node');
    expect(reasonInWords({ Status: 'Failed', DetailedStatus: 'Failed on 1 of 3 nodes' })).toBe('Failed on 1 of 3 nodes');
    expect(reasonInWords({ Status: 'Success', DetailedStatus: 'Success' })).toBeUndefined();
  });
});

describe('triggerLabel and orderedCounts', () => {
  it('names the trigger and orders counts', () => {
    expect(triggerLabel('Manual')).toBe('Applied now');
    expect(orderedCounts({ Pending: 2, Success: 1, Failed: 0 })).toEqual([['Success', 1], ['Pending', 2]]);
  });
});
