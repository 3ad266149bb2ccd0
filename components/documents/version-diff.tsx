'use client';

import { useQuery } from '@tanstack/react-query';
import { versionDiffQuery } from './queries';
import { diffLines } from './diff-lines';
import { ErrorNotice } from '@/components/ui/notices';
import { LineDiff } from '@/components/ui/line-diff';

export function VersionDiffView({ name, from, to }: { name: string; from: string; to: string }) {
  const { data, error, isPending } = useQuery(versionDiffQuery(name, from, to));
  if (error) return <div className="px-5 pb-5"><ErrorNotice error={error} /></div>;
  if (isPending) return <p className="px-5 pb-5 text-sm text-slate-500">Comparing…</p>;
  return <LineDiff lines={diffLines(data.parts)} fromVersion={data.from.version} toVersion={data.to.version} sameMessage="The two versions have the same content." maxHeightClass="max-h-[36rem]" />;
}
