import type { VersionDiff } from './queries';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
  oldNumber?: number;
  newNumber?: number;
}

/** The server's hunks as numbered lines: removed lines count in the old version, added in the new. */
export function diffLines(parts: VersionDiff['parts']): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const part of parts) {
    const texts = part.text.replace(/\n$/, '').split('\n');
    for (const text of texts) {
      if (part.kind === 'added') lines.push({ kind: 'added', text, newNumber: newNumber++ });
      else if (part.kind === 'removed') lines.push({ kind: 'removed', text, oldNumber: oldNumber++ });
      else lines.push({ kind: 'same', text, oldNumber: oldNumber++, newNumber: newNumber++ });
    }
  }
  return lines;
}
