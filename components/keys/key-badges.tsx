import { Badge } from '@/components/settings/ui';
import type { Key } from './queries';

const STATES: Record<Key['state'], { label: string; tone: 'emerald' | 'slate' | 'amber' }> = {
  Enabled: { label: 'Enabled', tone: 'emerald' },
  Disabled: { label: 'Disabled', tone: 'slate' },
  PendingDeletion: { label: 'Pending deletion', tone: 'amber' },
};

export function KeyStateBadge({ state }: { state: Key['state'] }) {
  return <Badge tone={STATES[state].tone}>{STATES[state].label}</Badge>;
}

/** AWS shows its own keys apart from the ones customers manage; so do we. */
export function KeyManagerBadge({ keyManager }: { keyManager: Key['keyManager'] }) {
  return keyManager === 'AWS' ? <Badge tone="amber">AWS managed</Badge> : <Badge tone="sky">Customer managed</Badge>;
}

export function rotationSummary(key: Pick<Key, 'rotationEnabled' | 'rotationPeriodDays'>): string {
  return key.rotationEnabled ? `Every ${key.rotationPeriodDays} days` : 'Off';
}

/** What a key is called in lists: its first alias, or its id when it has none. */
export function keyDisplayName(key: Pick<Key, 'aliases' | 'keyId'>): string {
  return key.aliases[0] ?? key.keyId;
}
