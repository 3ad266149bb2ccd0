import { describe, expect, it } from 'vitest';
import { AnsiStripper, buildTranscript, searchTranscript } from './transcript';
import type { CastEvent } from './asciicast';

const output = (time: number, data: string): CastEvent => ({ time, code: 'o', data });

describe('AnsiStripper', () => {
  it('drops colours, cursor moves, titles and charset switches, and keeps the text', () => {
    const stripper = new AnsiStripper();
    expect(stripper.push('\u001b]0;root@node: ~\u0007\u001b[1;32mroot@node\u001b[0m:\u001b[1;34m~\u001b[0m# \u001b(B\u001b[2J\u001b[Hls\r\n')).toBe('root@node:~# ls\n');
  });

  it('carries a sequence cut between two chunks', () => {
    const stripper = new AnsiStripper();
    expect(stripper.push('red: \u001b[3')).toBe('red: ');
    expect(stripper.push('1mX\u001b]8;;http://a\u001b')).toBe('X');
    expect(stripper.push('\\link')).toBe('link');
  });

  it('breaks the line at a bare carriage return (a redrawn prompt), and keeps CR LF one break, even across chunks', () => {
    const stripper = new AnsiStripper();
    expect(stripper.push('$ ls\r\na\r\n$ \r$ ')).toBe('$ ls\na\n$ \n$ ');
    expect(stripper.push('x\r')).toBe('x\n');
    expect(stripper.push('\ny')).toBe('y');
  });

  it('keeps unicode text whole', () => {
    expect(new AnsiStripper().push('π ≈ 3.14 🙂\n')).toBe('π ≈ 3.14 🙂\n');
  });
});

describe('searchTranscript', () => {
  // The shell echoes a typed command one keystroke at a time, so a command spans many events.
  const events: CastEvent[] = [
    output(0.1, '$ '),
    { time: 0.9, code: 'i', data: 'e' },
    output(1, 'e'),
    output(1.1, 'c'),
    output(1.2, 'ho $((6*7))'),
    output(1.5, '\r\n\u001b[1m42\u001b[0m\r\n$ '),
    output(9, 'ECHO done\r\n'),
  ];
  const transcript = buildTranscript(events);

  it('finds a command typed over several events, at the time its last character showed', () => {
    expect(transcript.text).toBe('$ echo $((6*7))\n42\n$ ECHO done\n');
    expect(searchTranscript(transcript, 'echo $((6*7))')).toEqual([{ time: 1.2, offset: 2, line: '$ echo $((6*7))' }]);
  });

  it('ignores case and lists every match in order', () => {
    expect(searchTranscript(transcript, 'echo').map((match) => [match.time, match.line])).toEqual([
      [1.2, '$ echo $((6*7))'],
      [9, '$ ECHO done'],
    ]);
  });

  it('treats the query as text, not a pattern', () => {
    expect(searchTranscript(transcript, '(6*7)')).toHaveLength(1);
    expect(searchTranscript(transcript, '.*')).toEqual([]);
  });

  it('finds nothing for a blank query or an empty recording', () => {
    expect(searchTranscript(transcript, '  ')).toEqual([]);
    expect(searchTranscript(buildTranscript([]), 'x')).toEqual([]);
  });

  it('caps the number of matches', () => {
    const many = buildTranscript([output(0, 'ab '.repeat(500))]);
    expect(searchTranscript(many, 'ab', 10)).toHaveLength(10);
  });
});
