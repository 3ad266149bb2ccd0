import { randomResourceId } from '@/server/resource-ids';
import { getServerContext } from '@/server/context';
import { resourceArn } from '@/server/identity/arn';

/** AWS's window ids: `mw-` and 17 hex digits. */
export const WINDOW_ID_PATTERN = /^mw-[0-9a-f]{17}$/;

export function newWindowId(): string {
  return randomResourceId('mw');
}

/** `arn:opsdeck:ssm:<region>:<account>:maintenancewindow/mw-…`, what ssm:*MaintenanceWindow* policies name. */
export function windowArn(windowId: string): string {
  const { region, accountId } = getServerContext();
  return resourceArn(region, accountId, 'maintenancewindow', windowId);
}

