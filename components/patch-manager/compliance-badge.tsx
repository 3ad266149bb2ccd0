import { Badge } from '@/components/settings/ui';

/** A node's patch compliance: null when it has never been scanned. */
export function ComplianceBadge({ isCompliant }: { isCompliant: boolean | null }) {
  if (isCompliant === null) return <Badge>Not scanned</Badge>;
  return isCompliant ? <Badge tone="emerald">Compliant</Badge> : <Badge tone="red">Non-compliant</Badge>;
}

const STATE_TONES = {
  Installed: 'emerald',
  InstalledOther: 'slate',
  InstalledPendingReboot: 'amber',
  InstalledRejected: 'red',
  Missing: 'red',
  Failed: 'red',
  NotApplicable: 'slate',
} as const;

export function PatchStateBadge({ state }: { state: string }) {
  return <Badge tone={STATE_TONES[state as keyof typeof STATE_TONES] ?? 'slate'}>{state}</Badge>;
}
