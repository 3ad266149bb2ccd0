import { Badge } from '@/components/settings/ui';

/** Built-in documents are owned by "Amazon", as AWS shows its own; the rest by this account. */
export function OwnerBadge({ owner }: { owner: string }) {
  return owner === 'Amazon' ? <Badge tone="amber">Built-in</Badge> : <Badge tone="emerald">Owned by me</Badge>;
}
