import { wordsOf } from './compliance-text';

const STATUS_TONES: Record<string, string> = {
  COMPLIANT: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  NON_COMPLIANT: 'bg-red-50 text-red-700 ring-red-600/20',
};

export const SEVERITY_BAR_TONES: Record<string, string> = {
  CRITICAL: 'bg-red-600',
  HIGH: 'bg-orange-500',
  MEDIUM: 'bg-amber-400',
  LOW: 'bg-sky-400',
  INFORMATIONAL: 'bg-slate-400',
  UNSPECIFIED: 'bg-slate-300',
};

const SEVERITY_TEXT_TONES: Record<string, string> = {
  CRITICAL: 'text-red-700 font-semibold',
  HIGH: 'text-orange-700 font-medium',
  MEDIUM: 'text-amber-700',
  LOW: 'text-sky-700',
  INFORMATIONAL: 'text-slate-600',
  UNSPECIFIED: 'text-slate-500',
};

export function ComplianceStatusBadge({ status }: { status: string }) {
  return (
    <span data-compliance={status} className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TONES[status] ?? 'bg-slate-100 text-slate-600 ring-slate-500/20'}`}>
      {wordsOf(status)}
    </span>
  );
}

/** A severity, loud when it is what makes something non-compliant and quiet when it is met. */
export function SeverityText({ severity, isMet = false }: { severity: string; isMet?: boolean }) {
  return (
    <span data-severity={severity} className={`inline-flex items-center gap-1.5 whitespace-nowrap text-sm ${isMet ? 'text-slate-500' : (SEVERITY_TEXT_TONES[severity] ?? '')}`}>
      <span className={`h-2 w-2 rounded-full ${SEVERITY_BAR_TONES[severity] ?? 'bg-slate-300'}`} aria-hidden />
      {wordsOf(severity)}
    </span>
  );
}
