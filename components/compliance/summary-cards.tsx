'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '@/components/ui/notices';
import { SEVERITY_BAR_TONES } from './badges';
import { compliantPercent, nodesInWords, severityBars, wordsOf } from './compliance-text';
import { summariesQuery, type ComplianceSummary } from './queries';

function SeverityBars({ label, summary }: { label: string; summary: ComplianceSummary['NonCompliantSummary']['SeveritySummary'] }) {
  const bars = severityBars(summary);
  if (bars.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-3 space-y-1.5">
      {bars.map((bar) => (
        <li key={bar.severity} data-severity={bar.severity} className="grid grid-cols-[6.5rem_1fr_2.5rem] items-center gap-2 text-xs">
          <span className="text-slate-600">{wordsOf(bar.severity)}</span>
          <span className="h-2 rounded bg-slate-100">
            <span className={`block h-2 rounded ${SEVERITY_BAR_TONES[bar.severity]}`} style={{ width: `${bar.percent}%` }} />
          </span>
          <span className="text-right font-medium tabular-nums text-slate-700">{bar.count.toLocaleString('en')}</span>
        </li>
      ))}
    </ul>
  );
}

function SummaryCard({ summary, isSelected, onSelect }: { summary: ComplianceSummary; isSelected: boolean; onSelect: (type: string, status: string) => void }) {
  const compliant = summary.CompliantSummary.CompliantCount;
  const nonCompliant = summary.NonCompliantSummary.NonCompliantCount;
  const percent = compliantPercent(compliant, nonCompliant);
  return (
    <section aria-label={`${summary.ComplianceType} compliance`} className={`rounded-lg border bg-white p-4 ${isSelected ? 'border-sky-500 ring-1 ring-sky-500' : 'border-slate-200'}`}>
      <header className="flex items-baseline justify-between gap-2">
        <h3 className="font-medium">{summary.ComplianceType}</h3>
        <span className="text-xs text-slate-500">{`${percent}% compliant`}</span>
      </header>
      <div className="mt-3 flex h-2.5 overflow-hidden rounded bg-slate-100" role="img" aria-label={`${compliant} compliant and ${nonCompliant} non-compliant nodes`}>
        <span className="bg-emerald-500" style={{ width: `${percent}%` }} />
        <span className="bg-red-500" style={{ width: `${100 - percent}%`, display: nonCompliant > 0 ? undefined : 'none' }} />
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Compliant</dt>
          <dd>
            <button type="button" className="font-semibold text-emerald-700 hover:underline" onClick={() => onSelect(summary.ComplianceType, 'COMPLIANT')}>{nodesInWords(compliant)}</button>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Non-compliant</dt>
          <dd>
            <button type="button" className="font-semibold text-red-700 hover:underline" onClick={() => onSelect(summary.ComplianceType, 'NON_COMPLIANT')}>{nodesInWords(nonCompliant)}</button>
          </dd>
        </div>
      </dl>
      <SeverityBars label={`${summary.ComplianceType} non-compliant nodes by severity`} summary={summary.NonCompliantSummary.SeveritySummary} />
    </section>
  );
}

/** A card per compliance type: nodes compliant and not, and the non-compliant ones by their worst severity. */
export function SummaryCards({ selectedType, onSelect }: { selectedType: string; onSelect: (type: string, status: string) => void }) {
  const { data, error, isPending } = useQuery(summariesQuery());
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading compliance summaries…</p>;
  if (data.summaries.length === 0) return null;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {data.summaries.map((summary) => (
        <SummaryCard key={summary.ComplianceType} summary={summary} isSelected={summary.ComplianceType === selectedType} onSelect={onSelect} />
      ))}
    </div>
  );
}
