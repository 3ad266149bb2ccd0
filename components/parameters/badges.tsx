import { Badge } from '@/components/settings/ui';

const TYPE_TONES = { String: 'slate', StringList: 'sky', SecureString: 'amber' } as const;

function LockIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" fill="currentColor" className="mr-1 h-3 w-3">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5V4.5a2 2 0 1 0-4 0V6h4Z" fillRule="evenodd" />
    </svg>
  );
}

export function TypeBadge({ type }: { type: string }) {
  return (
    <Badge tone={TYPE_TONES[type as keyof typeof TYPE_TONES] ?? 'slate'}>
      {type === 'SecureString' && <LockIcon />}
      {type}
    </Badge>
  );
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
