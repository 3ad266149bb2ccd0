import { CommandStatusBadge, statusLabel } from '@/components/run-command/status-badge';
import { orderedCounts } from './association-text';

const CHIP_TONES: Record<string, string> = {
  Success: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  Failed: 'bg-red-50 text-red-700 ring-red-600/20',
  Pending: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  InProgress: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  Skipped: 'bg-amber-50 text-amber-800 ring-amber-600/20',
};

/** A run's or a node's status, as Run Command shows a command's; Skipped (a CLOSED calendar) is amber. */
export function AssociationStatusBadge({ status, details }: { status: string; details?: string }) {
  if (status !== 'Skipped') return <CommandStatusBadge status={status} details={details} />;
  return (
    <span data-status={status} title={details} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${CHIP_TONES.Skipped}`}>
      <span className="h-1.5 w-1.5 rounded-full bg-amber-500" aria-hidden />
      Skipped
    </span>
  );
}

/** "3 Success · 1 Failed · 2 Pending": how many target nodes are in each status, as coloured chips. */
export function StatusCounts({ counts, label = 'Nodes by status' }: { counts: Record<string, number>; label?: string }) {
  const entries = orderedCounts(counts);
  if (entries.length === 0) return <span className="text-xs text-slate-400">no targets</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {entries.map(([status, count]) => (
        <li key={status} data-count-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${CHIP_TONES[status] ?? CHIP_TONES.Pending}`}>
          <span className="font-semibold tabular-nums">{count.toLocaleString('en')}</span>
          <span>{statusLabel(status)}</span>
        </li>
      ))}
    </ul>
  );
}

const COMPLIANCE_TONES: Record<string, string> = {
  COMPLIANT: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  NON_COMPLIANT: 'bg-red-50 text-red-700 ring-red-600/20',
  UNKNOWN: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

/** AWS's association compliance: COMPLIANT once the node's latest run succeeded. */
export function ComplianceBadge({ status, severity }: { status: string; severity?: string }) {
  const words = status === 'NON_COMPLIANT' ? 'Non-compliant' : status === 'COMPLIANT' ? 'Compliant' : 'Unknown';
  return (
    <span className="inline-flex items-center gap-1.5">
      <span data-compliance={status} className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${COMPLIANCE_TONES[status] ?? COMPLIANCE_TONES.UNKNOWN}`}>{words}</span>
      {severity && severity !== 'UNSPECIFIED' && status === 'NON_COMPLIANT' && <span className="text-xs text-slate-500">{severity.toLowerCase()}</span>}
    </span>
  );
}
