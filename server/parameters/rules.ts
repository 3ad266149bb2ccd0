import { z } from 'zod';
import type { ParameterPolicyState } from '@/db/schema';
import { OpsdeckError } from '@/server/errors';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced';

export const TIER_LIMITS: Record<ParameterTier, { maxValue: number; maxParameters: number }> = {
  Standard: { maxValue: 4096, maxParameters: 10_000 },
  Advanced: { maxValue: 8192, maxParameters: 100_000 },
};
export const MAX_VERSIONS = 100;
export const MAX_LABELS_PER_VERSION = 10;
export const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'] as const;

/**
 * Intelligent-Tiering picks Standard when the value fits and no policy needs Advanced. An
 * existing Advanced parameter stays Advanced: AWS never downgrades.
 */
export function chooseTier(requested: ParameterTier | 'Intelligent-Tiering', value: string, hasPolicies: boolean, current?: ParameterTier): ParameterTier {
  if (requested !== 'Intelligent-Tiering') return requested;
  if (current === 'Advanced' || hasPolicies || value.length > TIER_LIMITS.Standard.maxValue) return 'Advanced';
  return 'Standard';
}

export function checkValueFitsTier(value: string, tier: ParameterTier): void {
  if (value.length <= TIER_LIMITS[tier].maxValue) return;
  if (tier === 'Standard') {
    throw new OpsdeckError(
      'ValidationException',
      `Standard tier parameters support a maximum parameter value of 4096 characters (this one has ${value.length}). To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`,
    );
  }
  throw new OpsdeckError('ValidationException', `Advanced tier parameters support a maximum parameter value of 8192 characters (this one has ${value.length}).`);
}

export function checkTierChange(current: ParameterTier, next: ParameterTier): void {
  if (current === 'Advanced' && next === 'Standard') {
    throw new OpsdeckError(
      'ValidationException',
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
}

/** Compiles a user's AllowedPattern; AWS's patterns are Java regexes, which JavaScript reads alike for the common subset. */
export function compileAllowedPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch (error) {
    throw new OpsdeckError('InvalidAllowedPatternException', `The allowed pattern is not a valid regular expression: ${(error as Error).message}`);
  }
}

/** Whole-value match, as AWS applies AllowedPattern; the message names the pattern, never the value. */
export function checkAllowedPattern(pattern: string | null | undefined, value: string): void {
  if (!pattern) return;
  const match = compileAllowedPattern(pattern).exec(value);
  if (!match || match[0] !== value) {
    throw new OpsdeckError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);
  }
}

export function checkStringList(value: string): void {
  if (value.split(',').some((item) => item.trim() === '')) {
    throw new OpsdeckError('ValidationException', 'A StringList value is a comma-separated list without empty items (found an empty item).');
  }
}

export function checkDataType(dataType: string, type: ParameterType): void {
  if (!(DATA_TYPES as readonly string[]).includes(dataType)) {
    throw new OpsdeckError('ValidationException', `The following data type is not supported: ${dataType} (supported: ${DATA_TYPES.join(', ')}; data type names are all lowercase).`);
  }
  if (dataType !== 'text' && type !== 'String') {
    throw new OpsdeckError('ValidationException', `The data type ${dataType} can only be used with the String type, not ${type}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Labels

const LABEL = /^[a-zA-Z0-9_.-]{1,100}$/;

/** AWS refuses these quietly: they come back in InvalidLabels instead of failing the call. */
export function isValidLabel(label: string): boolean {
  return LABEL.test(label) && !/^\d/.test(label) && !/^(aws|ssm)/i.test(label);
}

// ---------------------------------------------------------------------------------------------
// Policies (Advanced tier)

const unitSchema = z.enum(['Days', 'Hours'], { message: "Unit is 'Days' or 'Hours'" });
const countSchema = z.string().regex(/^[1-9]\d{0,5}$/, 'a whole number of at least 1, as a string');

const expirationAttributes = z.object({ Timestamp: z.string().datetime({ offset: true, message: 'Timestamp is an ISO 8601 date and time, e.g. 2026-12-31T23:00:00.000Z' }) }).strict();
const notificationAttributes = z.object({ Before: countSchema, Unit: unitSchema }).strict();
const noChangeAttributes = z.object({ After: countSchema, Unit: unitSchema }).strict();

const ATTRIBUTES = { Expiration: expirationAttributes, ExpirationNotification: notificationAttributes, NoChangeNotification: noChangeAttributes } as const;
export type PolicyType = keyof typeof ATTRIBUTES;

export type ParsedPolicy =
  | { Type: 'Expiration'; Attributes: { Timestamp: string } }
  | { Type: 'ExpirationNotification'; Attributes: { Before: string; Unit: 'Days' | 'Hours' } }
  | { Type: 'NoChangeNotification'; Attributes: { After: string; Unit: 'Days' | 'Hours' } };

function issuesText(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'Attributes'}: ${issue.message}`).join('; ');
}

/** Parses PutParameter's `Policies` (a JSON array in a string) with AWS's error names. */
export function parsePolicies(text: string): ParsedPolicy[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new OpsdeckError('InvalidPolicyAttributeException', 'Policies is not valid JSON: it must be a JSON array of policy objects, e.g. [{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2026-12-31T00:00:00Z"}}].');
  }
  if (!Array.isArray(raw)) throw new OpsdeckError('InvalidPolicyAttributeException', 'Policies must be a JSON array of policy objects.');
  if (raw.length > 10) throw new OpsdeckError('PoliciesLimitExceededException', `You specified ${raw.length} policies; a parameter can have at most 10.`);
  const seen = new Set<string>();
  return raw.map((entry, index) => {
    const policy = (entry ?? {}) as { Type?: unknown; Version?: unknown; Attributes?: unknown };
    const type = policy.Type;
    if (typeof type !== 'string' || !(type in ATTRIBUTES)) {
      throw new OpsdeckError('InvalidPolicyTypeException', `Policies[${index}].Type must be Expiration, ExpirationNotification or NoChangeNotification (got ${JSON.stringify(type ?? null)}).`);
    }
    if (seen.has(type)) throw new OpsdeckError('InvalidPolicyTypeException', `Policies[${index}]: a parameter takes one ${type} policy at most.`);
    seen.add(type);
    if (policy.Version !== undefined && policy.Version !== '1.0') {
      throw new OpsdeckError('InvalidPolicyAttributeException', `Policies[${index}].Version must be "1.0" (got ${JSON.stringify(policy.Version)}).`);
    }
    const parsed = ATTRIBUTES[type as PolicyType].safeParse(policy.Attributes);
    if (!parsed.success) throw new OpsdeckError('InvalidPolicyAttributeException', `Policies[${index}] (${type}) has invalid attributes: ${issuesText(parsed.error)}`);
    return { Type: type, Attributes: parsed.data } as ParsedPolicy;
  });
}

/** Stored form: the policy text as AWS echoes it back, with its evaluation status. */
export function toPolicyStates(policies: ParsedPolicy[]): ParameterPolicyState[] {
  return policies.map((policy) => ({ PolicyText: JSON.stringify({ Type: policy.Type, Version: '1.0', Attributes: policy.Attributes }), PolicyType: policy.Type, PolicyStatus: 'Pending' }));
}

export function expirationOf(policies: ParameterPolicyState[]): Date | undefined {
  const expiration = policies.find((policy) => policy.PolicyType === 'Expiration');
  if (!expiration) return undefined;
  return new Date((JSON.parse(expiration.PolicyText) as { Attributes: { Timestamp: string } }).Attributes.Timestamp);
}

export function unitMs(unit: 'Days' | 'Hours'): number {
  return unit === 'Days' ? 86_400_000 : 3_600_000;
}
