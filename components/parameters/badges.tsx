import { Badge } from '@/components/settings/ui';

const TYPE_TONES = { String: 'slate', StringList: 'sky', SecureString: 'amber' } as const;

export function TypeBadge({ type }: { type: string }) {
  return <Badge tone={TYPE_TONES[type as keyof typeof TYPE_TONES] ?? 'slate'}>{type === 'SecureString' ? '🔒 SecureString' : type}</Badge>;
}

export function TierBadge({ tier }: { tier: string }) {
  return <Badge tone={tier === 'Advanced' ? 'sky' : 'slate'}>{tier}</Badge>;
}

const STATUS_TONES = { Pending: 'sky', Finished: 'emerald', Failed: 'red' } as const;

export function PolicyStatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status as keyof typeof STATUS_TONES] ?? 'slate'}>{status}</Badge>;
}

/** `arn:opsdeck:iam::123456789012:user/admin` → `admin`: the name people recognise. */
export function userNameOf(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn : arn.slice(slash + 1);
}
