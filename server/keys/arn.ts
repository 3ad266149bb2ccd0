import { getServerContext } from '@/server/context';
import { ARN_PARTITION, formatArn } from '@/server/identity/arn';
import { isUuid } from '@/server/uuid';

/**
 * KMS's ARN shapes, `…:kms:<region>:<account>:key/<uuid>` and `…:alias/<name>`, in the Opsdeck
 * partition like every other ARN here: IAM policies only accept `arn:opsdeck:` resources
 * (server/identity/policy-document.ts), so an `arn:aws:` key ARN could never be named in one.
 */
export function keyArn(keyId: string): string {
  const { region, accountId } = getServerContext();
  return formatArn({ partition: ARN_PARTITION, service: 'kms', region, account: accountId, resourceType: 'key', resourceId: keyId });
}

/** `alias/prod-db` → arn:opsdeck:kms:<region>:<account>:alias/prod-db. */
export function aliasArn(aliasName: string): string {
  const { region, accountId } = getServerContext();
  return formatArn({ partition: ARN_PARTITION, service: 'kms', region, account: accountId, resourceType: 'alias', resourceId: aliasName.slice('alias/'.length) });
}

// Either partition: SDK users paste AWS-shaped ARNs, and the key id inside is what counts.
const KMS_ARN = /^arn:(?:opsdeck|aws):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

export type KeyRef = { kind: 'key'; keyId: string } | { kind: 'alias'; aliasName: string };

/**
 * How KMS lets callers name a key: key id, key ARN, alias name or alias ARN. Undefined when the
 * text is none of these, or an ARN of another region or account (which cannot be ours).
 */
export function parseKeyRef(text: string): KeyRef | undefined {
  const ref = text.trim();
  if (isUuid(ref)) return { kind: 'key', keyId: ref.toLowerCase() };
  if (ref.startsWith('alias/')) return { kind: 'alias', aliasName: ref };
  const arn = KMS_ARN.exec(ref);
  if (!arn) return undefined;
  const [, region, account, type, id] = arn as unknown as [string, string, string, 'key' | 'alias', string];
  const { region: ourRegion, accountId } = getServerContext();
  if (region !== ourRegion || account !== accountId) return undefined;
  if (type === 'alias') return { kind: 'alias', aliasName: `alias/${id}` };
  return isUuid(id) ? { kind: 'key', keyId: id.toLowerCase() } : undefined;
}
