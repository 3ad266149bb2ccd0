import { describe, expect, it } from 'vitest';
import { RECORDING_CHUNK_BYTES, SessionRecorder, findInTranscript } from './recording';

function recorder() {
  const chunks: { index: number; startTime: number; text: string }[] = [];
  const recording = new SessionRecorder('alice-0123456789abcdef0', 1_000_000, { version: 2, width: 80, height: 24, timestamp: 1000 }, true, async (_id, index, startTime, text) => {
    chunks.push({ index, startTime, text });
  });
  const events = () =>
    chunks
      .sort((a, b) => a.index - b.index)
      .map((chunk) => chunk.text)
      .join('')
      .trim()
      .split('\n');
  return { recording, chunks, events };
}

describe('SessionRecorder (asciicast v2)', () => {
  it('writes the header, then output, input and resizes with their times', async () => {
    const { recording, events } = recorder();
    recording.output(Buffer.from('$ '), 1_000_250);
    recording.input('ls\r', 1_000_500);
    recording.resize(100, 30, 1_001_000);
    await recording.close(1_002_000);
    const [header, ...rest] = events();
    expect(JSON.parse(header!)).toEqual({ version: 2, width: 80, height: 24, timestamp: 1000 });
    expect(rest.map((line) => JSON.parse(line))).toEqual([
      [0.25, 'o', '$ '],
      [0.5, 'i', 'ls\r'],
      [1, 'r', '100x30'],
    ]);
  });

  it('keeps a UTF-8 character whole when the node split it across two chunks', async () => {
    const { recording, events } = recorder();
    const euro = Buffer.from('€');
    recording.output(euro.subarray(0, 1), 1_000_000);
    recording.output(euro.subarray(1), 1_000_001);
    await recording.close();
    expect(events().slice(1).map((line) => JSON.parse(line)[2]).join('')).toBe('€');
  });

  it('cuts chunks at 256 KiB without cutting an event, and keeps every byte', async () => {
    const { recording, chunks, events } = recorder();
    const block = 'x'.repeat(100_000);
    for (let index = 0; index < 12; index += 1) recording.output(Buffer.from(block), 1_000_000 + index * 10);
    await recording.close();
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk.text)).toBeLessThanOrEqual(RECORDING_CHUNK_BYTES);
    const output = events()
      .slice(1)
      .map((line) => JSON.parse(line) as [number, string, string])
      .map(([, , data]) => data)
      .join('');
    expect(output).toBe(block.repeat(12));
  });

  it('records only who and when for port sessions', async () => {
    const chunks: string[] = [];
    const recording = new SessionRecorder('alice-0123456789abcdef0', 0, { version: 2, width: 80, height: 24, timestamp: 0 }, false, async (_id, _index, _start, text) => {
      chunks.push(text);
    });
    recording.output(Buffer.from('secret bytes'));
    recording.input('more');
    await recording.close();
    expect(chunks.join('').trim().split('\n')).toHaveLength(1);
  });
});

describe('findInTranscript', () => {
  it('finds lines of output, escape sequences removed, with the time they began', async () => {
    const lines = [
      JSON.stringify({ version: 2, width: 80, height: 24 }),
      JSON.stringify([0.5, 'o', '\u001b[01;32muser@node\u001b[00m:~$ ']),
      JSON.stringify([1.25, 'i', 'cat /etc/host']),
      JSON.stringify([1.5, 'o', 'cat /etc/hos']),
      JSON.stringify([1.75, 'o', 'tname\r\nweb-01\r\n']),
    ];
    const matches = await findInTranscript([lines.join('\n') + '\n'], 'ETC/HOSTNAME');
    expect(matches).toEqual([{ time: 0.5, text: 'user@node:~$ cat /etc/hostname' }]);
    expect(await findInTranscript([lines.join('\n')], 'web-01')).toEqual([{ time: 1.75, text: 'web-01' }]);
  });
});
