'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { associationQuery } from './queries';
import { associationTitle } from './association-text';
import { AssociationActions } from './association-actions';
import { AssociationOverview } from './association-overview';
import { ExecutionHistory } from './execution-history';
import { NodeStatusTable } from './node-status-table';
import { VersionsTable } from './versions-table';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Section } from '@/components/settings/ui';
import { ApiError } from '@/components/lib/api-client';

const TABS = [
  { id: 'history', label: 'Execution history', description: 'Every run: what started it, how it ended on each node, and why when it did not run.' },
  { id: 'nodes', label: 'Node status', description: 'Each node the targets select now, with its latest result and compliance.' },
  { id: 'versions', label: 'Versions', description: 'Each save makes a version; runs record the version they ran.' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** One association: its state and settings, Apply now / Edit / Delete, and tabs (in the URL) for history, nodes and versions. */
export function AssociationDetail({ associationId }: { associationId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data, error, isPending } = useQuery(associationQuery(associationId));
  const requested = searchParams.get('tab');
  const tab = TABS.find((candidate) => candidate.id === requested) ?? TABS[0];
  const showTab = (id: TabId) => router.replace(id === 'history' ? pathname : `${pathname}?tab=${id}`, { scroll: false });

  if (!data) {
    const isMissing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="association" name={associationId} listHref="/state-manager" listName="State Manager" />;
  }
  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/state-manager"
        backLabel="State Manager"
        title={associationTitle(data)}
        summary={<><span className="font-mono">{data.AssociationId}</span>{` · version ${data.AssociationVersion} · updated ${new Date(data.LastUpdateAssociationDate).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`}</>}
        actions={<AssociationActions association={data} />}
      />
      <AssociationOverview association={data} />
      <div role="tablist" aria-label="Association views" className="flex gap-1 border-b border-slate-200">
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            id={`tab-${candidate.id}`}
            aria-selected={tab.id === candidate.id}
            aria-controls={`panel-${candidate.id}`}
            onClick={() => showTab(candidate.id)}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab.id === candidate.id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`}>
        <Section title={tab.label} description={tab.description}>
          {tab.id === 'history' && <ExecutionHistory associationId={associationId} />}
          {tab.id === 'nodes' && <NodeStatusTable associationId={associationId} />}
          {tab.id === 'versions' && <VersionsTable associationId={associationId} latestVersion={data.AssociationVersion} />}
        </Section>
      </div>
    </div>
  );
}
