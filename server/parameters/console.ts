/**
 * What the Parameter Store console needs beyond the SSM operations: one parameter's page in one
 * call, a name search for the hierarchy tree, its policy events behind a permission check, and
 * the keys a SecureString may be encrypted with. Built on service.ts; nothing here writes.
 */
import { getServerContext } from '@/server/context';
import { allowedActions, isAllowed } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { keyIdOfCiphertext, listKeys } from '@/server/keys';
import { arnOfName } from './names';
import { listParameterEvents } from './policies';
import { describeParameters, getParameter, listParameterTags } from './service';
import { parameterNotFound } from './store';

export type ParameterMetadata = Awaited<ReturnType<typeof describeParameters>>['Parameters'][number];

async function describeOne(caller: Caller, name: string): Promise<ParameterMetadata> {
  const { Parameters } = await describeParameters(caller, { ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [name] }], MaxResults: 1 });
  const [parameter] = Parameters;
  if (!parameter) throw parameterNotFound(name);
  return parameter;
}

export interface ParameterPermissions {
  canEdit: boolean;
  canReadTags: boolean;
  canDelete: boolean;
  canReveal: boolean;
  canLabel: boolean;
  canUnlabel: boolean;
  canTag: boolean;
  canUntag: boolean;
}

export interface ParameterDetail {
  parameter: ParameterMetadata;
  /** null when the caller may not list them. */
  tags: Record<string, string> | null;
  /** The latest value, except a SecureString's (read on demand, audited) or one the caller may not read. */
  value: string | null;
  permissions: ParameterPermissions;
}

/** The key a stored SecureString was sealed with; null for a damaged one, which "Show" then explains. */
function sealingKeyArn(ciphertext: string): string | null {
  try {
    return keyIdOfCiphertext(ciphertext);
  } catch {
    return null;
  }
}

/**
 * A parameter's page: metadata, tags, a plain value, and what the caller may do with it. Someone
 * who may describe a parameter but not read it or its tags still gets the page, without those.
 */
export async function describeParameterForConsole(caller: Caller, name: string): Promise<ParameterDetail> {
  const parameter = await describeOne(caller, name);
  const resource = parameter.ARN;
  const permissions = await allowedActions(caller, {
    canEdit: { action: 'ssm:PutParameter', resource },
    canReadTags: { action: 'ssm:ListTagsForResource', resource },
    canDelete: { action: 'ssm:DeleteParameter', resource },
    canReveal: { action: 'ssm:GetParameter', resource },
    canLabel: { action: 'ssm:LabelParameterVersion', resource },
    canUnlabel: { action: 'ssm:UnlabelParameterVersion', resource },
    canTag: { action: 'ssm:AddTagsToResource', resource },
    canUntag: { action: 'ssm:RemoveTagsFromResource', resource },
  });
  const [tags, stored] = await Promise.all([
    permissions.canReadTags ? listParameterTags(caller, parameter.Name) : null,
    permissions.canReveal ? getParameter(caller, { Name: parameter.Name }).then((result) => result.Parameter.Value) : null,
  ]);
  if (parameter.Type !== 'SecureString') return { parameter, tags, value: stored, permissions };
  // Revealing a secret also takes kms:Decrypt on the key that sealed it (the AWS managed key too),
  // so "Show" is offered only to those it would work for. The ciphertext names that key.
  const keyArn = stored === null ? null : sealingKeyArn(stored);
  const canDecrypt = stored !== null && (keyArn === null || (await isAllowed(caller, { action: 'kms:Decrypt', resource: keyArn })));
  return { parameter, tags, value: null, permissions: { ...permissions, canReveal: canDecrypt } };
}

/** The policy events (expiration, notifications) raised for a parameter, newest first. */
export async function listPolicyEventsForConsole(caller: Caller, name: string) {
  const { region, accountId } = getServerContext();
  return perform(caller, { name: 'DescribeParameters', iamAction: 'ssm:DescribeParameters', resources: [arnOfName(region, accountId, name)], isAudited: false }, async () => {
    const rows = await listParameterEvents(name);
    return rows.map((row) => ({ id: row.id, time: row.time, detailType: row.detailType, detail: row.detail }));
  });
}

const SEARCH_PAGE = 50;

/**
 * Names containing `text`, for the tree's search: DescribeParameters pages of 50, up to `limit`
 * names, so a search over a large store stays one bounded request.
 */
export async function searchParameterNames(caller: Caller, text: string, limit = 200): Promise<{ names: string[]; isTruncated: boolean }> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await describeParameters(caller, { ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: [text] }], MaxResults: SEARCH_PAGE, NextToken: nextToken });
    names.push(...page.Parameters.map((parameter) => parameter.Name));
    nextToken = page.NextToken;
  } while (nextToken && names.length < limit);
  return { names: names.slice(0, limit), isTruncated: Boolean(nextToken) || names.length > limit };
}

export interface KeyChoice {
  /** What PutParameter's KeyId takes: an alias name, or the key's ARN when it has no alias. */
  keyId: string;
  label: string;
  isDefault: boolean;
}

/** Keys a new SecureString can use: enabled ones only, the AWS managed default first. */
export async function listKeyChoices(caller: Caller): Promise<KeyChoice[]> {
  const { keys } = await listKeys(caller);
  return keys
    .filter((key) => key.state === 'Enabled')
    .map((key) => {
      const isDefault = key.keyManager === 'AWS';
      const alias = key.aliases[0];
      const label = isDefault ? 'alias/aws/ssm (AWS managed key)' : `${alias ?? key.keyId}${key.description ? ` — ${key.description}` : ''}`;
      return { keyId: isDefault ? 'alias/aws/ssm' : (alias ?? key.arn), label, isDefault };
    });
}

/** `arn:opsdeck:ssm:<region>:<account>:parameter/`: the create form shows a name's ARN, and AWS's 1011-character limit counts it. */
export function parameterArnPrefix(): string {
  const { region, accountId } = getServerContext();
  return arnOfName(region, accountId, '/x').slice(0, -'x'.length);
}
