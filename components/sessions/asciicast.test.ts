import { describe, expect, it } from 'vitest';
import { limitIdle, parseCast, parseResize } from './asciicast';

const header = JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1_767_225_600 });

describe('parseCast', () => {
  it('reads the header and the events in order', () => {
    const cast = parseCast([header, '[0.5, "o", "$ "]', '[1.25, "i", "ls\\r"]', '[1.3, "o", "ls\\r\\n\\u001b[1;34mbin\\u001b[0m\\r\\n"]', '[2, "r", "100x30"]', ''].join('\n'));
    expect(cast.header).toEqual({ version: 2, width: 80, height: 24, timestamp: 1_767_225_600, idleTimeLimit: undefined, title: undefined });
    expect(cast.events.map((event) => event.code)).toEqual(['o', 'i', 'o', 'r']);
    expect(cast.events[2]!.data).toBe('ls\r\n\u001b[1;34mbin\u001b[0m\r\n');
    expect(cast.duration).toBe(2);
  });

  it('keeps times from going backwards, so seeking can binary-search them', () => {
    const cast = parseCast([header, '[1.0, "o", "a"]', '[0.999, "o", "b"]', '[1.5, "o", "c"]'].join('\n'));
    expect(cast.events.map((event) => event.time)).toEqual([1, 1, 1.5]);
  });

  it('ignores a cut-off last line (a session still being recorded) but not a broken line in the middle', () => {
    expect(parseCast([header, '[0.1, "o", "a"]', '[0.2, "o", "b'].join('\n')).events).toHaveLength(1);
    expect(() => parseCast([header, '[0.1, "o", "a', '[0.2, "o", "b"]'].join('\n'))).toThrow('line 2 of the recording is not JSON');
  });

  it('skips event codes it does not know', () => {
    expect(parseCast([header, '[0.1, "x", "?"]', '[0.2, "m", "marker"]'].join('\n')).events.map((event) => event.code)).toEqual(['m']);
  });

  it('says what is wrong with a file that is not asciicast v2', () => {
    expect(() => parseCast('not json')).toThrow('does not start with an asciicast header');
    expect(() => parseCast(JSON.stringify({ version: 1, width: 80, height: 24 }))).toThrow('not asciicast version 2 (version 1)');
    expect(() => parseCast(JSON.stringify({ version: 2 }))).toThrow('no terminal width and height');
    expect(() => parseCast([header, '{"a":1}'].join('\n') + '\n[1, "o", "x"]')).toThrow('line 2 of the recording is not an event');
  });

  it('shortens long pauses when the header sets idle_time_limit', () => {
    const cast = parseCast([JSON.stringify({ version: 2, width: 80, height: 24, idle_time_limit: 2 }), '[1, "o", "a"]', '[61, "o", "b"]', '[62, "o", "c"]'].join('\n'));
    expect(cast.events.map((event) => event.time)).toEqual([1, 3, 4]);
    expect(cast.duration).toBe(4);
  });
});

describe('limitIdle', () => {
  it('caps every gap, including the one before the first event', () => {
    const events = [10, 11, 30].map((time) => ({ time, code: 'o' as const, data: '' }));
    expect(limitIdle(events, 1).map((event) => event.time)).toEqual([1, 2, 3]);
  });
});

describe('parseResize', () => {
  it.each([
    ['120x40', { cols: 120, rows: 40 }],
    [' 80x24 ', { cols: 80, rows: 24 }],
    ['0x24', undefined],
    ['80 x 24', undefined],
    ['wide', undefined],
  ])('%j', (data, expected) => {
    expect(parseResize(data)).toEqual(expected);
  });
});
