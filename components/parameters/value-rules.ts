import { TIER_LIMITS, checkAllowedPattern, checkStringList, chooseTier, compileAllowedPattern, isValidLabel, type ParameterTier, type ParameterType } from '@/server/parameters/rules';

export type TierChoice = ParameterTier | 'Intelligent-Tiering';
export type { ParameterTier, ParameterType };

/** The server's rule run in the browser: its message when it throws, null when it passes. */
function messageOf(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export interface ValueLimit {
  /** The tier the value will be stored in (Intelligent-Tiering resolved). */
  tier: ParameterTier;
  maxLength: number;
  length: number;
  isOver: boolean;
}

/** How long the value may be in the tier it will land in, as the server will choose it. */
export function valueLimit(value: string, tier: TierChoice, hasPolicies: boolean, currentTier?: ParameterTier): ValueLimit {
  const effective = chooseTier(tier, value, hasPolicies, currentTier);
  const maxLength = TIER_LIMITS[effective].maxValue;
  return { tier: effective, maxLength, length: value.length, isOver: value.length > maxLength };
}

export function valueSizeProblem(limit: ValueLimit): string | null {
  if (!limit.isOver) return null;
  const advice = limit.tier === 'Standard' ? ' Choose the Advanced tier for values up to 8,192 characters.' : '';
  return `The value has ${limit.length.toLocaleString('en')} characters; the ${limit.tier} tier allows ${limit.maxLength.toLocaleString('en')}.${advice}`;
}

/** The items of a StringList value, as AWS splits them. */
export const stringListItems = (value: string) => (value === '' ? [] : value.split(','));

export function stringListProblem(value: string): string | null {
  return value === '' ? null : messageOf(() => checkStringList(value));
}

/** An AllowedPattern that does not compile, in words. */
export function patternProblem(pattern: string): string | null {
  return pattern === '' ? null : messageOf(() => compileAllowedPattern(pattern));
}

/** Whether `value` matches `pattern` as the server applies it (the whole value); null when there is nothing to check. */
export function patternMatch(pattern: string, value: string): { isMatch: boolean } | null {
  if (pattern === '' || value === '' || patternProblem(pattern)) return null;
  return { isMatch: messageOf(() => checkAllowedPattern(pattern, value)) === null };
}

/**
 * Why AWS would refuse a label (it does so quietly, returning it in InvalidLabels), in words; null
 * for a label it accepts.
 */
export function labelProblem(label: string): string | null {
  if (isValidLabel(label)) return null;
  if (label.length > 100) return 'a label has at most 100 characters';
  if (/^\d/.test(label)) return 'a label cannot begin with a number';
  if (/^(aws|ssm)/i.test(label)) return 'a label cannot begin with "aws" or "ssm"';
  return 'a label has only letters, numbers and the symbols . - _';
}

/** "prod, blue  green" → ["prod", "blue", "green"]: the labels field takes commas or spaces. */
export const splitLabels = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];
