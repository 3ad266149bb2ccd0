import { describe, expect, it } from 'vitest';
import { formProblems, newParameterState, toParameterInput, type ParameterFormState } from './form-state';
import { EMPTY_POLICIES_DRAFT, toLocalInput } from './policies-draft';

const PREFIX = 'arn:opsdeck:ssm:eu-west-1:123456789012:parameter/';
const state = (patch: Partial<ParameterFormState>): ParameterFormState => ({ ...newParameterState('/'), name: '/app/url', value: 'v', ...patch });
const problems = (patch: Partial<ParameterFormState>, isNew = true) => formProblems(state(patch), { isNew, arnPrefix: PREFIX }).map((problem) => `${problem.field}: ${problem.message}`);

describe('formProblems', () => {
  it('has none for a good new parameter', () => {
    expect(problems({})).toEqual([]);
  });

  it('starts a new parameter in the path being looked at', () => {
    expect(newParameterState('/e2e/db').name).toBe('/e2e/db/');
    expect(newParameterState('/').name).toBe('');
  });

  it('holds the value to the size of the tier it will land in', () => {
    expect(problems({ value: 'x'.repeat(4096) })).toEqual([]);
    expect(problems({ value: 'x'.repeat(4097) })).toEqual([
      'value: The value has 4,097 characters; the Standard tier allows 4,096. Choose the Advanced tier for values up to 8,192 characters.',
    ]);
    expect(problems({ value: 'x'.repeat(4097), tier: 'Intelligent-Tiering' })).toEqual([]);
    expect(problems({ value: 'x'.repeat(8193), tier: 'Advanced' })).toEqual(['value: The value has 8,193 characters; the Advanced tier allows 8,192.']);
  });

  it('checks a StringList for empty items and the value against the allowed pattern', () => {
    expect(problems({ type: 'StringList', value: 'a,,b' })).toEqual(['value: A StringList value is a comma-separated list without empty items (found an empty item).']);
    expect(problems({ value: 'abc', allowedPattern: '^\\d+$' })).toEqual(['value: The value does not match the allowed pattern ^\\d+$.']);
    expect(problems({ value: '123', allowedPattern: '^\\d+$' })).toEqual([]);
    expect(problems({ allowedPattern: '(' })[0]).toMatch(/^allowedPattern: The allowed pattern is not a valid regular expression/);
  });

  it('checks policies only on tiers that hold them, and tags only on create', () => {
    const broken = { ...EMPTY_POLICIES_DRAFT, noChangeNotification: { isOn: true, after: 'x', unit: 'Days' as const } };
    expect(problems({ policies: broken })).toEqual([]);
    expect(problems({ policies: broken, tier: 'Advanced' })).toEqual(['policies: No-change notification: "after" is a whole number of at least 1.']);
    expect(problems({ tags: [{ key: '', value: 'v' }, { key: 'a', value: '' }, { key: 'a', value: '' }] })).toEqual(['tags: Tag 1: a tag needs a key.', 'tags: Tag a: the key is given twice.']);
  });

  it('does not check the name of a parameter being edited', () => {
    expect(problems({ name: 'bad name' }, false)).toEqual([]);
    expect(problems({ name: 'bad name' })).toHaveLength(1);
  });
});

describe('toParameterInput', () => {
  it('leaves out what a new parameter does not use', () => {
    expect(toParameterInput(state({}), true)).toEqual({ Name: '/app/url', Value: 'v', Type: 'String', Tier: 'Standard', DataType: 'text' });
  });

  it('sends the key for a SecureString and tags on create', () => {
    const input = toParameterInput(state({ type: 'SecureString', keyId: 'alias/app', tags: [{ key: ' team ', value: 'core' }] }), true);
    expect(input).toMatchObject({ Type: 'SecureString', KeyId: 'alias/app', DataType: 'text', Tags: [{ Key: 'team', Value: 'core' }] });
  });

  it('on edit, sends emptied fields so they clear, and "[]" to remove policies', () => {
    const input = toParameterInput(state({ tier: 'Advanced', description: '', allowedPattern: '' }), false);
    expect(input).toMatchObject({ Description: '', AllowedPattern: '', Policies: '[]' });
    expect(input.Tags).toBeUndefined();
  });

  it('sends policies as JSON on create when some are on', () => {
    const at = toLocalInput(new Date(Date.now() + 86_400_000 * 30));
    const input = toParameterInput(state({ tier: 'Advanced', policies: { ...EMPTY_POLICIES_DRAFT, expiration: { isOn: true, at } } }), true);
    expect(JSON.parse(input.Policies!)).toMatchObject([{ Type: 'Expiration' }]);
  });
});
