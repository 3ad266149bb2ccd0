'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { summariesQuery, type ComplianceSummary } from '@/components/compliance/queries';
import { DashboardCard } from './card';

const TYPES = [
  { type: 'Patch', label: 'Nodes missing patches', none: 'No node has been scanned yet: Patch Manager → Patch now → Scan.' },
  { type: 'Association', label: 'Nodes with failing associations', none: 'No association has run yet.' },
] as const;

/** Non-compliant nodes per compliance type, each a link into the Compliance page's filtered view. */
export function ComplianceCard() {
  const summaries = useQuery(summariesQuery());
  const byType = new Map((summaries.data?.summaries ?? []).map((summary) => [summary.ComplianceType, summary]));
  return (
    <DashboardCard title="Compliance" description="Missing patches and non-compliant associations" actions={<Link href="/compliance" className="text-xs text-sky-700 hover:underline">Open Compliance</Link>}>
      {summaries.isError ? (
        <p className="text-sm text-red-700">Compliance could not be loaded: {summaries.error.message}</p>
      ) : (
        <dl className="space-y-3 text-sm">
          {TYPES.map(({ type, label, none }) => (
            <div key={type}>
              <dt className="font-medium text-slate-700">{label}</dt>
              <dd className="text-slate-500">{summaries.isPending ? 'Loading…' : <TypeSummary type={type} summary={byType.get(type)} none={none} />}</dd>
            </div>
          ))}
        </dl>
      )}
    </DashboardCard>
  );
}

function TypeSummary({ type, summary, none }: { type: string; summary: ComplianceSummary | undefined; none: string }) {
  if (!summary) return <>{none}</>;
  const nonCompliant = summary.NonCompliantSummary.NonCompliantCount;
  const total = nonCompliant + summary.CompliantSummary.CompliantCount;
  if (nonCompliant === 0) return <span className="text-emerald-700">All {total} reporting nodes compliant</span>;
  return (
    <Link href={`/compliance?${new URLSearchParams({ type, status: 'NON_COMPLIANT' })}`} className="text-red-700 hover:underline">
      {nonCompliant} of {total} nodes non-compliant
    </Link>
  );
}
