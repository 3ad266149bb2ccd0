import { describe, expect, it } from 'vitest';
import { diffLines } from './diff-lines';

describe('diff lines', () => {
  it('numbers removed lines in the old version and added lines in the new one', () => {
    const lines = diffLines([
      { kind: 'same', text: 'a\nb\n' },
      { kind: 'removed', text: 'c\n' },
      { kind: 'added', text: 'C\nD\n' },
      { kind: 'same', text: 'e' },
    ]);
    expect(lines).toEqual([
      { kind: 'same', text: 'a', oldNumber: 1, newNumber: 1 },
      { kind: 'same', text: 'b', oldNumber: 2, newNumber: 2 },
      { kind: 'removed', text: 'c', oldNumber: 3 },
      { kind: 'added', text: 'C', newNumber: 3 },
      { kind: 'added', text: 'D', newNumber: 4 },
      { kind: 'same', text: 'e', oldNumber: 4, newNumber: 5 },
    ]);
  });
});
