import type { Node } from './queries';

const STYLES: Record<Node['pingStatus'], string> = {
  Online: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  ConnectionLost: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Inactive: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

const LABELS: Record<Node['pingStatus'], string> = {
  Online: 'Online',
  ConnectionLost: 'Connection lost',
  Inactive: 'Inactive',
};

export function PingStatusBadge({ status }: { status: Node['pingStatus'] }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
    >
      <span className={`h-1.5 w-1.5 rounded-full ${status === 'Online' ? 'bg-emerald-500' : status === 'ConnectionLost' ? 'bg-amber-500' : 'bg-slate-400'}`} aria-hidden />
      {LABELS[status]}
    </span>
  );
}
