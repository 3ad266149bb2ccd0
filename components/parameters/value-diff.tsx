'use client';

import { LineDiff } from '@/components/ui/line-diff';
import { valueDiffLines } from './value-diff-lines';

export function ValueDiff({ from, to }: { from: { version: number; value: string }; to: { version: number; value: string } }) {
  return <LineDiff lines={valueDiffLines(from.value, to.value)} fromVersion={from.version} toVersion={to.version} sameMessage="The two versions have the same value." maxHeightClass="max-h-[28rem]" />;
}
