import { describe, expect, it } from 'vitest';
import { parseTagText } from './create-activation-form';

describe('parseTagText', () => {
  it('reads comma-separated key=value pairs, keeping = inside values', () => {
    expect(parseTagText(' Environment=dev, Team = web ,expr=a=b')).toEqual({ Environment: 'dev', Team: 'web', expr: 'a=b' });
    expect(parseTagText('')).toEqual({});
  });

  it('reports a pair without a key or =', () => {
    expect(() => parseTagText('Environment')).toThrow("tag 'Environment' is not key=value");
    expect(() => parseTagText('=dev')).toThrow("tag '=dev' is not key=value");
  });
});
