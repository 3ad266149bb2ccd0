import { describe, expect, it } from 'vitest';
import { OutputWindow } from './output-window';

describe('OutputWindow', () => {
  it('numbers chunks, forgets acknowledged ones and replays the rest', () => {
    const window = new OutputWindow(10);
    for (const text of ['ab', 'cd', 'ef']) window.push(Buffer.from(text));
    expect(window.lastSeq).toBe(2);
    window.ack(0);
    expect(window.heldBytes).toBe(4);
    expect(window.from(2).map((chunk) => chunk.data.toString())).toEqual(['ef']);
    expect(window.from(0).map((chunk) => chunk.seq)).toEqual([1, 2]);
  });

  it('is full at its limit and has room again only below half of it', () => {
    const window = new OutputWindow(10);
    window.push(Buffer.alloc(6));
    window.push(Buffer.alloc(4));
    expect(window.isFull).toBe(true);
    window.ack(0);
    expect(window.isFull).toBe(false);
    expect(window.hasRoom).toBe(true);
  });
});
