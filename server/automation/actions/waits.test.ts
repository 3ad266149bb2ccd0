import { describe, expect, it } from 'vitest';
import { parseDuration } from './waits';

describe('aws:sleep durations', () => {
  it('reads ISO 8601 durations', () => {
    expect(parseDuration('PT10S')).toBe(10);
    expect(parseDuration('PT5M')).toBe(300);
    expect(parseDuration('P1DT2H')).toBe(93_600);
    expect(parseDuration('PT1.5S')).toBe(1.5);
  });

  it('explains what is wrong with anything else', () => {
    for (const text of ['10s', 'P', 'PT', 'PT-5S', '5']) expect(parseDuration(text)).toMatch(/is not an ISO 8601 duration like PT10S/);
  });
});
