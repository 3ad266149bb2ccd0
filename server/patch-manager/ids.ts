import { createHash } from 'node:crypto';
import { randomResourceId } from '@/server/resource-ids';
import { getServerContext } from '@/server/context';
import { resourceArn } from '@/server/identity/arn';

/** AWS's baseline ids: `pb-` and 17 hex digits. */
export const BASELINE_ID_PATTERN = /^pb-[0-9a-f]{17}$/;

export function newBaselineId(): string {
  return randomResourceId('pb');
}

/** Predefined baselines keep one id on every install and across restarts, derived from their name. */
export function predefinedBaselineId(name: string): string {
  return `pb-${createHash('sha256').update(name).digest('hex').slice(0, 17)}`;
}

/** `arn:opsdeck:ssm:<region>:<account>:patchbaseline/pb-…`, what ssm:*PatchBaseline* policies name. */
export function baselineArn(baselineId: string): string {
  const { region, accountId } = getServerContext();
  return resourceArn(region, accountId, 'patchbaseline', baselineId);
}

/** AWS takes a baseline id or its ARN wherever a BaselineId goes. */
export function baselineIdOf(idOrArn: string): string {
  const match = /^arn:[^:]+:ssm:[^:]*:[^:]*:patchbaseline\/(.+)$/.exec(idOrArn);
  return match ? match[1]! : idOrArn;
}
