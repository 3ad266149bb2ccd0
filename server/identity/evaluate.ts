/**
 * Decides one request against a principal's identity policies the way AWS IAM does: an explicit
 * Deny in any statement of any policy wins, otherwise any matching Allow grants, otherwise the
 * request is implicitly denied. Pure: the caller gathers the policies and the request context.
 */
import {
  CONDITION_OPERATORS,
  statementsOf,
  type ConditionOperator,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyStatement,
} from './policy-document';

/**
 * Condition keys and their values for this request, e.g. `aws:username`,
 * `ssm:resourceTag/Environment`. A key with several values (a list) matches a condition when any
 * of its values does, like AWS's ForAnyValue; negated operators then require that none does.
 */
export type RequestContext = Record<string, string | string[] | undefined>;

export interface AuthorizationRequest {
  action: string;
  resource: string;
  context: RequestContext;
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface MatchedStatement {
  policyName: string;
  sid?: string;
  /** Position in the policy's Statement list; 0 when Statement is a single object. */
  index: number;
  effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
  decision: Decision;
  /** The first Deny that applied, else the first Allow; absent for an implicit deny. */
  matchedStatement?: MatchedStatement;
}

export function evaluate(request: AuthorizationRequest, policies: readonly NamedPolicy[]): EvaluationResult {
  const context = normalizeContext(request.context);
  let firstAllow: MatchedStatement | undefined;
  for (const policy of policies) {
    for (const [index, statement] of statementsOf(policy.document).entries()) {
      if (!statementApplies(statement, request, context)) continue;
      const matched = describeMatch(policy.name, statement, index);
      // A Deny anywhere overrides every Allow, so there is no need to look further.
      if (statement.Effect === 'Deny') return { decision: 'ExplicitDeny', matchedStatement: matched };
      firstAllow ??= matched;
    }
  }
  return firstAllow ? { decision: 'Allow', matchedStatement: firstAllow } : { decision: 'ImplicitDeny' };
}

function describeMatch(policyName: string, statement: PolicyStatement, index: number): MatchedStatement {
  const matched: MatchedStatement = { policyName, index, effect: statement.Effect };
  if (statement.Sid) matched.sid = statement.Sid;
  return matched;
}

function statementApplies(statement: PolicyStatement, request: AuthorizationRequest, context: NormalizedContext): boolean {
  return (
    actionApplies(statement, request.action) &&
    resourceApplies(statement, request.resource, context) &&
    conditionsHold(statement.Condition, context)
  );
}

// ---------------------------------------------------------------------------------------------
// Action and Resource

// IAM compares action names case-insensitively and does not substitute policy variables in them.
const ACTION_MATCHING: PatternOptions = { hasWildcards: true, ignoresCase: true };
const RESOURCE_MATCHING: PatternOptions = { hasWildcards: true, ignoresCase: false };

function actionApplies(statement: PolicyStatement, action: string): boolean {
  const patterns = toList(statement.Action ?? statement.NotAction);
  const isMatch = patterns.some((pattern) => globMatch(textTokens(pattern, ACTION_MATCHING), action, ACTION_MATCHING));
  return statement.Action !== undefined ? isMatch : !isMatch;
}

function resourceApplies(statement: PolicyStatement, resource: string, context: NormalizedContext): boolean {
  const patterns = resolveTemplates(toList(statement.Resource ?? statement.NotResource), context, RESOURCE_MATCHING);
  // Void rather than unmatched: an unresolvable variable must not widen NotResource to everything.
  if (patterns === undefined) return false;
  const isMatch = patterns.some((tokens) => globMatch(tokens, resource, RESOURCE_MATCHING));
  return statement.Resource !== undefined ? isMatch : !isMatch;
}

// ---------------------------------------------------------------------------------------------
// Condition: every operator and every key must hold (AND); the values of one key are OR'ed.

interface OperatorSemantics extends PatternOptions {
  isNegated: boolean;
}

const OPERATORS: Record<ConditionOperator, OperatorSemantics> = {
  StringEquals: { isNegated: false, hasWildcards: false, ignoresCase: false },
  StringNotEquals: { isNegated: true, hasWildcards: false, ignoresCase: false },
  StringEqualsIgnoreCase: { isNegated: false, hasWildcards: false, ignoresCase: true },
  StringLike: { isNegated: false, hasWildcards: true, ignoresCase: false },
  StringNotLike: { isNegated: true, hasWildcards: true, ignoresCase: false },
};

function conditionsHold(condition: PolicyCondition | undefined, context: NormalizedContext): boolean {
  if (!condition) return true;
  return CONDITION_OPERATORS.every((operator) =>
    Object.entries(condition[operator] ?? {}).every(([key, values]) => operatorHolds(OPERATORS[operator], key, toList(values), context)),
  );
}

function operatorHolds(operator: OperatorSemantics, key: string, policyValues: string[], context: NormalizedContext): boolean {
  const patterns = resolveTemplates(policyValues, context, operator);
  if (patterns === undefined) return false;
  const contextValues = context.get(normalizeKey(key));
  // AWS: a key missing from the request fails a positive operator and satisfies a negated one
  // ("Environment is not prod" holds for an untagged node). The IfExists forms are not supported.
  if (contextValues === undefined) return operator.isNegated;
  const isMatch = contextValues.some((value) => patterns.some((tokens) => globMatch(tokens, value, operator)));
  return operator.isNegated ? !isMatch : isMatch;
}

// ---------------------------------------------------------------------------------------------
// Request context: key names are case-insensitive as in IAM, except the part after the first
// slash (the tag key of `ssm:resourceTag/Environment`): Opsdeck tag keys are case-sensitive, so a
// node may carry both `Env` and `env` and a policy must say which one it means.

type NormalizedContext = Map<string, string[]>;

function normalizeContext(context: RequestContext): NormalizedContext {
  const normalized: NormalizedContext = new Map();
  for (const [key, value] of Object.entries(context)) {
    const values = value === undefined ? [] : toList(value);
    if (values.length > 0) normalized.set(normalizeKey(key), values);
  }
  return normalized;
}

function normalizeKey(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key.toLowerCase() : key.slice(0, slash).toLowerCase() + key.slice(slash);
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

// ---------------------------------------------------------------------------------------------
// Templates and wildcards. A template is a Resource or condition value that may contain policy
// variables: `${aws:username}`, `${aws:username, 'default'}`, and `${*}`, `${?}`, `${$}` for the
// literal characters. A substituted value is always literal, so a user named `*` cannot match
// everyone's sessions. AWS voids a statement whose variable has no value (key missing or
// multi-valued); `undefined` below carries that up so the statement applies neither way.

const ANY = Symbol('*');
const ONE = Symbol('?');
type GlobToken = string | typeof ANY | typeof ONE;

interface PatternOptions {
  hasWildcards: boolean;
  ignoresCase: boolean;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const VARIABLE_WITH_DEFAULT = /^\s*([^\s,']+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** The templates as glob patterns, or undefined when a variable in any of them has no value. */
function resolveTemplates(templates: string[], context: NormalizedContext, options: PatternOptions): GlobToken[][] | undefined {
  const resolved: GlobToken[][] = [];
  for (const template of templates) {
    const tokens = resolveTemplate(template, context, options);
    if (tokens === undefined) return undefined;
    resolved.push(tokens);
  }
  return resolved;
}

function resolveTemplate(template: string, context: NormalizedContext, options: PatternOptions): GlobToken[] | undefined {
  const tokens: GlobToken[] = [];
  let textStart = 0;
  for (const match of template.matchAll(VARIABLE)) {
    const value = resolveVariable(match[1] ?? '', context);
    if (value === undefined) return undefined;
    tokens.push(...textTokens(template.slice(textStart, match.index), options), ...literalTokens(value, options));
    textStart = match.index + match[0].length;
  }
  tokens.push(...textTokens(template.slice(textStart), options));
  return tokens;
}

function resolveVariable(inner: string, context: NormalizedContext): string | undefined {
  const escaped = ESCAPES[inner];
  if (escaped !== undefined) return escaped;
  const [, key, fallback] = VARIABLE_WITH_DEFAULT.exec(inner) ?? [];
  if (key === undefined) return undefined;
  const values = context.get(normalizeKey(key));
  if (values?.length === 1) return values[0];
  return fallback?.replaceAll("''", "'");
}

function textTokens(text: string, options: PatternOptions): GlobToken[] {
  const folded = options.ignoresCase ? text.toLowerCase() : text;
  return Array.from(folded, (char) => (options.hasWildcards && char === '*' ? ANY : options.hasWildcards && char === '?' ? ONE : char));
}

function literalTokens(text: string, options: PatternOptions): GlobToken[] {
  return Array.from(options.ignoresCase ? text.toLowerCase() : text);
}

// Iterative glob match with single-star backtracking: linear in practice and immune to the
// catastrophic backtracking a regex built from `a*a*a*...` could suffer. `*` crosses `/` and `:`
// as in IAM.
function globMatch(tokens: GlobToken[], value: string, options: PatternOptions): boolean {
  const chars = Array.from(options.ignoresCase ? value.toLowerCase() : value);
  let t = 0;
  let c = 0;
  let starToken = -1;
  let starChar = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token === ONE || (token !== undefined && token === chars[c])) {
      t++;
      c++;
    } else if (token === ANY) {
      starToken = t++;
      starChar = c;
    } else if (starToken >= 0) {
      t = starToken + 1;
      c = ++starChar;
    } else {
      return false;
    }
  }
  while (tokens[t] === ANY) t++;
  return t === tokens.length;
}
