import { getServerContext } from '@/server/context';
import { ARN_PARTITION, formatArn } from '@/server/identity/arn';

/** AWS's shape for a group, arn:aws:resource-groups:<region>:<account>:group/<name>, in our partition. */
export function resourceGroupArn(name: string): string {
  const { region, accountId } = getServerContext();
  return formatArn({ partition: ARN_PARTITION, service: 'resource-groups', region, account: accountId, resourceType: 'group', resourceId: name });
}
