import { describe, expect, it } from 'vitest';
import { toAwsJson } from './aws-json';

describe('toAwsJson', () => {
  it('writes dates as epoch seconds, at any depth, and drops undefined members', () => {
    const converted = toAwsJson({
      CreatedDate: new Date('2026-01-01T00:00:01.500Z'),
      Missing: undefined,
      Empty: null,
      List: [{ At: new Date(0), Name: 'a', Gone: undefined }, 3, 'x'],
      Nested: { Deeper: { When: new Date('2026-01-01T00:00:00Z') } },
    });
    expect(converted).toEqual({
      CreatedDate: 1767225601.5,
      Empty: null,
      List: [{ At: 0, Name: 'a' }, 3, 'x'],
      Nested: { Deeper: { When: 1767225600 } },
    });
    expect(Object.keys(converted as object)).not.toContain('Missing');
  });

  it('passes primitives through and does not change its input', () => {
    expect(toAwsJson('text')).toBe('text');
    expect(toAwsJson(7)).toBe(7);
    const input = { At: new Date(1000) };
    toAwsJson(input);
    expect(input.At).toBeInstanceOf(Date);
  });
});
