import { describe, expect, it } from 'vitest';
import { OutputStore, StreamText, outputKey } from './output-store';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('live output', () => {
  it('places chunks by offset, once, in any order, across a split UTF-8 character', () => {
    const stream = new StreamText();
    const all = bytes('1\n2\nnaïve\n');
    const split = all.indexOf(0xc3) + 1; // between the two bytes of ï
    expect(stream.append(0, all.subarray(0, split))).toBe(true);
    expect(stream.text).toBe('1\n2\nna');
    // Ahead of a gap: held until the gap fills.
    expect(stream.append(split + 2, all.subarray(split + 2))).toBe(false);
    // A resend overlapping what we have: only the fresh bytes count.
    expect(stream.append(split - 1, all.subarray(split - 1, split + 2))).toBe(true);
    expect(stream.text).toBe('1\n2\nnaïve\n');
    expect(stream.byteLength).toBe(all.byteLength);
    expect(stream.append(0, all)).toBe(false);
  });

  it('takes the whole stream from the server unless live chunks went further', () => {
    const stream = new StreamText();
    stream.append(0, bytes('1\n2\n3\n'));
    expect(stream.replace(bytes('1\n'))).toBe(false);
    expect(stream.replace(bytes('1\n2\n3\n4\n'))).toBe(true);
    expect(stream.text).toBe('1\n2\n3\n4\n');
  });

  it('keeps output only for the steps someone tracks', () => {
    const store = new OutputStore();
    const key = outputKey('inv-1', 0);
    const untrack = store.track(key);
    let changes = 0;
    store.subscribe(() => changes++);
    store.applyChunk({ commandId: 'c', invocationId: 'inv-1', nodeId: 'n', plugin: 0, stream: 'stdout', offset: 0, data: bytes('1\n').buffer });
    store.applyChunk({ commandId: 'c', invocationId: 'inv-2', nodeId: 'n', plugin: 0, stream: 'stdout', offset: 0, data: bytes('x').buffer });
    store.applyChunk({ commandId: 'c', invocationId: 'inv-1', nodeId: 'n', plugin: 0, stream: 'stderr', offset: 0, data: bytes('oops') });
    expect(store.snapshot(key)).toMatchObject({ stdout: '1\n', stderr: 'oops', stdoutBytes: 2 });
    expect(store.snapshot(outputKey('inv-2', 0)).stdout).toBe('');
    expect(changes).toBe(2);
    untrack();
    expect(store.snapshot(key).stdout).toBe('');
  });
});
