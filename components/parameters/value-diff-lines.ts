import { diffLines as diffText } from 'diff';
import { diffLines, type DiffLine } from '@/components/documents/diff-lines';

/** Two values as numbered diff lines (documents number theirs the same way): removed from `from`, added in `to`. */
export function valueDiffLines(from: string, to: string): DiffLine[] {
  const parts = diffText(from, to).map((part) => ({ kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const), text: part.value }));
  return diffLines(parts);
}
