'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { sizedInputClass } from '@/components/run-command/ui';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { Section, linkClass } from '@/components/settings/ui';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { SEVERITIES, nodesInWords, wordsOf, type Severity } from './compliance-text';
import { RemediateDialog, type RemediationScope } from './remediate-dialog';
import { RemediationResult } from './remediation-result';
import { ResourceTable } from './resource-table';
import { SummaryCards } from './summary-cards';
import { resourcesQuery, summariesQuery, type ComplianceFilters, type ResourceSummary, type StartedRemediation } from './queries';

function filtersOf(params: URLSearchParams): ComplianceFilters {
  return { type: params.get('type') ?? '', status: params.get('status') ?? '', severity: params.get('severity') ?? '', node: params.get('node') ?? '', page: Math.max(1, Number(params.get('page')) || 1) };
}

/** Who "Remediate" acts on: the rows chosen, else every non-compliant node the filters show. */
function scopeOf(chosen: Map<string, ResourceSummary>, filters: ComplianceFilters): RemediationScope {
  if (chosen.size > 0) {
    const nodeIds = [...new Set([...chosen.values()].map((resource) => resource.ResourceId))];
    return { nodeIds, description: `Acts on the ${nodesInWords(nodeIds.length)} you chose, where they are non-compliant.` };
  }
  const type = filters.type ? ` for ${filters.type}` : '';
  const severity = filters.severity ? ` at ${wordsOf(filters.severity).toLowerCase()} severity` : '';
  return { complianceType: filters.type || undefined, // The URL's severity goes as it is: the server says so if it is not one.
    overallSeverity: (filters.severity || undefined) as Severity | undefined, description: `Acts on every node non-compliant${type}${severity} (choose rows to narrow it).` };
}

const initialActionOf = (type: string) => (type === 'Patch' ? 'PatchNow' : type === 'Association' ? 'RunAssociation' : type.startsWith('Custom:') ? 'StartRunbook' : 'RunAssociation');

/** The compliance page: a card per type, every node's compliance with filters, and Remediate. */
export function ComplianceView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [nodeText, setNodeText] = useState(filters.node);
  const settledNode = useDebouncedValue(nodeText, 400);
  const [chosen, setChosen] = useState(new Map<string, ResourceSummary>());
  const [isRemediating, setIsRemediating] = useState(false);
  const [started, setStarted] = useState<StartedRemediation[] | null>(null);
  const summaries = useQuery(summariesQuery());
  const { data, error, isPending, isFetching } = useQuery(resourcesQuery(filters));

  const navigate = (next: Partial<ComplianceFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    const params = new URLSearchParams();
    for (const key of ['type', 'status', 'severity', 'node'] as const) if (merged[key].trim()) params.set(key, merged[key].trim());
    if (merged.page > 1) params.set('page', String(merged.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  };

  useEffect(() => {
    if (settledNode.trim() !== filters.node.trim()) navigate({ node: settledNode });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only settled text moves the URL
  }, [settledNode]);

  const choose = (key: string, resource: ResourceSummary, isChosen: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (isChosen) next.set(key, resource);
      else next.delete(key);
      return next;
    });
  const isFiltered = filters.type !== '' || filters.status !== '' || filters.severity !== '' || filters.node !== '';
  const hasAnyCompliance = (summaries.data?.summaries.length ?? 0) > 0;
  const types = summaries.data?.summaries.map((summary) => summary.ComplianceType) ?? [];
  const remediateButton = (
    <button type="button" className={buttonStyles.primary} onClick={() => setIsRemediating(true)} disabled={!hasAnyCompliance}>
      {chosen.size > 0 ? `Remediate ${nodesInWords(new Set([...chosen.values()].map((resource) => resource.ResourceId)).size)}` : 'Remediate'}
    </button>
  );

  return (
    <div className="space-y-6">
      {started && <RemediationResult started={started} onDismiss={() => setStarted(null)} />}
      <SummaryCards selectedType={filters.type} onSelect={(type, status) => navigate({ type, status })} />
      <Section title="Resources" description="Each node's compliance per type: non-compliant when any of its items is, at the worst severity among them." actions={remediateButton}>
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-3">
          <select aria-label="Compliance type" className={sizedInputClass} value={filters.type} onChange={(event) => navigate({ type: event.target.value })}>
            <option value="">All types</option>
            {[...new Set([...types, ...(filters.type ? [filters.type] : [])])].map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
          <select aria-label="Status" className={sizedInputClass} value={filters.status} onChange={(event) => navigate({ status: event.target.value })}>
            <option value="">Any status</option>
            <option value="NON_COMPLIANT">Non-compliant</option>
            <option value="COMPLIANT">Compliant</option>
          </select>
          <select aria-label="Severity" className={sizedInputClass} value={filters.severity} onChange={(event) => navigate({ severity: event.target.value })}>
            <option value="">Any severity</option>
            {SEVERITIES.map((severity) => <option key={severity} value={severity}>{wordsOf(severity)}</option>)}
          </select>
          <input type="search" aria-label="Node id" placeholder="Node id starts with" className={`${sizedInputClass} w-60`} value={nodeText} onChange={(event) => setNodeText(event.target.value)} />
          {chosen.size > 0 && <button type="button" className={linkClass} onClick={() => setChosen(new Map())}>{`Clear ${chosen.size} chosen`}</button>}
          {isFetching && data && <span className="ml-auto text-sm text-slate-400">updating…</span>}
        </div>
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading compliance…</p>}
        {data && data.resources.length === 0 && (
          <div className="p-5">
            {isFiltered ? (
              <EmptyState title="No node matches these filters">
                <button type="button" className={linkClass} onClick={() => { setNodeText(''); navigate({ type: '', status: '', severity: '', node: '' }); }}>Clear filters</button>
              </EmptyState>
            ) : (
              <EmptyState title="No compliance data yet">
                <p>Nodes report compliance when an association runs on them (type Association), when Patch Manager scans them (type Patch), or when you send your own with PutComplianceItems (types Custom:…).</p>
              </EmptyState>
            )}
          </div>
        )}
        {data && data.resources.length > 0 && <ResourceTable resources={data.resources} page={filters.page} hasMore={data.hasMore} chosen={new Set(chosen.keys())} onChoose={choose} onPage={(page) => navigate({ page })} />}
      </Section>
      {isRemediating && (
        <RemediateDialog
          scope={scopeOf(chosen, filters)}
          initialAction={initialActionOf(filters.type || ([...chosen.values()][0]?.ComplianceType ?? ''))}
          onCancel={() => setIsRemediating(false)}
          onStarted={(result) => {
            setIsRemediating(false);
            setChosen(new Map());
            setStarted(result);
          }}
        />
      )}
    </div>
  );
}
