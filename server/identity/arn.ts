/**
 * Opsdeck resource names in AWS's ARN shape, `arn:opsdeck:<service>:<region>:<account>:<type>/<id>`,
 * so policies written for SSM read the same here with `aws` replaced by `opsdeck`.
 */
import { validationError } from '@/server/errors';

export const ARN_PARTITION = 'opsdeck';

export interface Arn {
  partition: string;
  service: string;
  /** Empty for global services such as iam. */
  region: string;
  /** Empty for resources owned by Opsdeck itself, like AWS-owned documents. */
  account: string;
  resourceType: string;
  /** Everything after the first slash; may itself contain slashes (parameter hierarchies). */
  resourceId: string;
}

export function formatArn({ partition, service, region, account, resourceType, resourceId }: Arn): string {
  return `arn:${partition}:${service}:${region}:${account}:${resourceType}/${resourceId}`;
}

export function resourceArn(region: string, account: string, resourceType: string, resourceId: string): string {
  return formatArn({ partition: ARN_PARTITION, service: 'ssm', region, account, resourceType, resourceId });
}

export function nodeArn(region: string, account: string, nodeId: string): string {
  return resourceArn(region, account, 'managed-instance', nodeId);
}

// AWS drops the leading slash of a hierarchical name: `/prod/db` is `parameter/prod/db`, while a
// flat name `prod-db` is `parameter/prod-db`.
export function parameterArn(region: string, account: string, name: string): string {
  return resourceArn(region, account, 'parameter', name.startsWith('/') ? name.slice(1) : name);
}

export function documentArn(region: string, account: string, name: string): string {
  return resourceArn(region, account, 'document', name);
}

export function activationArn(region: string, account: string, activationId: string): string {
  return resourceArn(region, account, 'activation', activationId);
}

export function sessionArn(region: string, account: string, sessionId: string): string {
  return resourceArn(region, account, 'session', sessionId);
}

// IAM is global in AWS, so its ARNs have an empty region.
function iamArn(account: string, resourceType: string, name: string): string {
  return formatArn({ partition: ARN_PARTITION, service: 'iam', region: '', account, resourceType, resourceId: name });
}

export function userArn(account: string, userName: string): string {
  return iamArn(account, 'user', userName);
}

export function groupArn(account: string, groupName: string): string {
  return iamArn(account, 'group', groupName);
}

export function policyArn(account: string, policyName: string): string {
  return iamArn(account, 'policy', policyName);
}

const SERVICE_PATTERN = /^[a-z0-9-]+$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const RESOURCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*$/;
// Control characters in a name would let it forge lines in audit logs.
const hasControlCharacters = (text: string) => [...text].some((char) => char < ' ' || char === '\u007f');

/** Splits and checks an ARN; throws a ValidationException saying which part is wrong. */
export function parseArn(arn: string): Arn {
  const [prefix, partition, service, region, account, ...rest] = arn.split(':');
  const resource = rest.join(':');
  const invalid = (reason: string) => validationError(`${JSON.stringify(arn)} is not a valid Opsdeck ARN: ${reason}`);

  if (prefix !== 'arn' || account === undefined || rest.length === 0) {
    throw invalid('an ARN looks like arn:opsdeck:ssm:us-east-1:123456789012:parameter/prod/db');
  }
  if (partition !== ARN_PARTITION) throw invalid(`the partition must be "${ARN_PARTITION}", not ${JSON.stringify(partition)}`);
  if (!service || !SERVICE_PATTERN.test(service)) throw invalid('the service must be lowercase letters, digits and hyphens');
  if (service === 'iam' ? region !== '' : !REGION_PATTERN.test(region ?? '')) {
    throw invalid(service === 'iam' ? 'iam ARNs have an empty region' : 'the region must look like us-east-1');
  }
  if (account !== '' && !ACCOUNT_PATTERN.test(account)) throw invalid('the account must be 12 digits');

  const slash = resource.indexOf('/');
  const resourceType = resource.slice(0, slash);
  const resourceId = resource.slice(slash + 1);
  if (slash < 0 || !RESOURCE_TYPE_PATTERN.test(resourceType) || resourceId === '') {
    throw invalid('the resource must look like <type>/<id>, for example managed-instance/mi-0123456789abcdef0');
  }
  if (hasControlCharacters(resourceId)) throw invalid('the resource id contains control characters');
  return { partition, service, region: region ?? '', account, resourceType, resourceId };
}
