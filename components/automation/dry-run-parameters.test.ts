import { describe, expect, it } from 'vitest';
import { dryRunParameters } from './dry-run-parameters';

describe('dryRunParameters', () => {
  it('takes nothing as no parameters', () => {
    expect(dryRunParameters('  ')).toEqual({ values: {} });
  });

  it('turns single values and lists into lists of strings', () => {
    expect(dryRunParameters('{"InstanceId": "mi-1", "Count": 3, "Flag": true, "Names": ["a", 2]}')).toEqual({
      values: { InstanceId: ['mi-1'], Count: ['3'], Flag: ['true'], Names: ['a', '2'] },
    });
  });

  it('says what is wrong, in words', () => {
    expect(dryRunParameters('{"a": ')).toMatchObject({ error: expect.stringContaining('not valid JSON') });
    expect(dryRunParameters('["a"]')).toMatchObject({ error: expect.stringContaining('JSON object') });
    expect(dryRunParameters('{"Map": {"k": "v"}}')).toEqual({ error: 'Map: give a string, a number, true/false, or a list of them.' });
  });
});
