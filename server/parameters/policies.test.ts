import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeysTestContext, type KeysTestContext } from '@/server/keys/test-context';
import { describeParameters, getParameter, listPathChildren, putParameter } from './service';
import { duePolicies, evaluateParameterPolicies, listParameterEvents } from './policies';

let context: KeysTestContext;
const HOUR = 3_600_000;

beforeAll(async () => {
  context = await startKeysTestContext('parameter_policies');
});

afterAll(async () => {
  await context?.close();
});

const policyText = (policy: object) => JSON.stringify([policy].flat());

describe('parameter policies', () => {
  it('says what is due: a notification before expiry, the expiry itself, and no-change after its period', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const row = {
      nameKey: '/a',
      name: '/a',
      type: 'String',
      lastModifiedAt: new Date(now.getTime() - 25 * HOUR),
      policies: [
        { PolicyType: 'Expiration' as const, PolicyStatus: 'Pending' as const, PolicyText: JSON.stringify({ Type: 'Expiration', Attributes: { Timestamp: new Date(now.getTime() + 2 * HOUR).toISOString() } }) },
        { PolicyType: 'ExpirationNotification' as const, PolicyStatus: 'Pending' as const, PolicyText: JSON.stringify({ Type: 'ExpirationNotification', Attributes: { Before: '3', Unit: 'Hours' } }) },
        { PolicyType: 'NoChangeNotification' as const, PolicyStatus: 'Pending' as const, PolicyText: JSON.stringify({ Type: 'NoChangeNotification', Attributes: { After: '1', Unit: 'Days' } }) },
      ],
    };
    expect(duePolicies(row, now).map((due) => due.action)).toEqual(['ExpirationNotification', 'NoChangeNotification']);
    expect(duePolicies(row, new Date(now.getTime() + 2 * HOUR)).map((due) => due.action)).toEqual(['Expired', 'NoChangeNotification']);
    expect(duePolicies(row, new Date(now.getTime() - 2 * HOUR))).toEqual([]);
    const finished = { ...row, policies: row.policies.map((policy) => ({ ...policy, PolicyStatus: 'Finished' as const })) };
    expect(duePolicies(finished, now)).toEqual([]);
  });

  it('the sweep records notifications once, deletes what expired, and a new version re-arms its policies', async () => {
    const now = Date.now();
    const expiresAt = new Date(now + 10 * HOUR).toISOString();
    await putParameter(context.admin, {
      Name: '/policy/notify',
      Value: 'v1',
      Type: 'String',
      Tier: 'Advanced',
      Policies: policyText([
        { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: expiresAt } },
        { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '12', Unit: 'Hours' } },
      ]),
    });
    await putParameter(context.admin, { Name: '/policy/expired', Value: 'old', Type: 'String', Tier: 'Advanced', Policies: policyText({ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: new Date(now + 1000).toISOString() } }) });

    const first = await evaluateParameterPolicies(new Date(now + 2000));
    expect(first.map((due) => [due.name, due.action]).sort()).toEqual([
      ['/policy/expired', 'Expired'],
      ['/policy/notify', 'ExpirationNotification'],
    ]);
    await expect(getParameter(context.admin, { Name: '/policy/expired' })).rejects.toMatchObject({ code: 'ParameterNotFound' });
    const events = await listParameterEvents('/policy/notify');
    expect(events.map((event) => event.detail)).toEqual([expect.objectContaining({ 'parameter-name': '/policy/notify', 'policy-type': 'ExpirationNotification' })]);
    const { Parameters } = await describeParameters(context.admin, { ParameterFilters: [{ Key: 'Name', Values: ['/policy/notify'] }] });
    expect(Parameters[0]!.Policies.map((policy) => [policy.PolicyType, policy.PolicyStatus])).toEqual([
      ['Expiration', 'Pending'],
      ['ExpirationNotification', 'Finished'],
    ]);

    expect(await evaluateParameterPolicies(new Date(now + 3000))).toEqual([]);
    await putParameter(context.admin, { Name: '/policy/notify', Value: 'v2', Overwrite: true });
    expect((await evaluateParameterPolicies(new Date(now + 4000))).map((due) => due.action)).toEqual(['ExpirationNotification']);
  });
});

describe('the hierarchy tree', () => {
  it('lists the sub-paths under a path with how many parameters sit below each', async () => {
    for (const name of ['/tree/web/a', '/tree/web/b', '/tree/db/x/y', '/tree/leaf']) await putParameter(context.admin, { Name: name, Value: 'v', Type: 'String' });
    expect(await listPathChildren(context.admin, '/tree')).toEqual([
      { path: '/tree/db', parameterCount: 1 },
      { path: '/tree/web', parameterCount: 2 },
    ]);
    expect((await listPathChildren(context.admin, '/')).find((child) => child.path === '/tree')).toEqual({ path: '/tree', parameterCount: 4 });
  });
});
