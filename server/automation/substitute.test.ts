import { describe, expect, it } from 'vitest';
import { automationVariables, substitute, type SubstitutionScope } from './substitute';

const scope = (overrides: Partial<SubstitutionScope> = {}): SubstitutionScope => ({
  values: { Instance: 'mi-0123456789abcdef0', Names: ['a', 'b'], Count: 3 },
  stepOutputs: { 'lookup.Version': 7, 'lookup.Tags': { env: 'prod' } },
  variables: automationVariables({ executionId: 'e-1', documentName: 'Doc', region: 'eu-west-1', accountId: '123456789012', now: new Date('2026-12-01T02:03:04Z') }),
  stepNames: new Set(['lookup', 'later']),
  resolveStore: async (kind, name) => (kind === 'ssm' ? `value-of-${name}` : `{{sealed:${name}}}`),
  ...overrides,
});

describe('Automation substitution', () => {
  it('keeps a whole reference typed and interpolates embedded ones as text', async () => {
    const result = await substitute({ list: '{{ Names }}', count: '{{Count}}', text: 'on {{ Instance }} v{{ lookup.Version }} {{ lookup.Tags }}' }, scope());
    expect(result).toEqual({ list: ['a', 'b'], count: 3, text: 'on mi-0123456789abcdef0 v7 {"env":"prod"}' });
  });

  it('fills automation and global variables', async () => {
    const result = await substitute(['{{ automation:EXECUTION_ID }}', '{{ global:DATE }}', '{{ global:DATE_TIME }}', '{{ global:REGION }}', '{{ global:ACCOUNT_ID }}'], scope());
    expect(result).toEqual(['e-1', '2026-12-01', '20261201_020304', 'eu-west-1', '123456789012']);
  });

  it('resolves Parameter Store references, secure ones sealed', async () => {
    expect(await substitute('x={{ssm:/app/url}} y={{ssm-secure:/app/pw}}', scope())).toBe('x=value-of-/app/url y={{sealed:/app/pw}}');
  });

  it('says which reference cannot be resolved, and why', async () => {
    await expect(substitute('{{ Missing }}', scope())).rejects.toThrow('{{ Missing }} names no parameter, step output or automation variable');
    await expect(substitute('{{ later.Output }}', scope())).rejects.toThrow("step 'later' has not produced the output 'Output'");
  });
});
