/**
 * `aws:branch` choices and `aws:loop` LoopConditions: checking their shape and evaluating them on
 * inputs whose `{{ }}` references are already substituted.
 */
import { z } from 'zod';
import { formatPath, type ValuePath } from '@/server/documents/content';
import { findReferences } from '@/server/documents/parameters';

export const STRING_OPERATORS = ['StringEquals', 'EqualsIgnoreCase', 'StartsWith', 'EndsWith', 'Contains'] as const;
export const NUMERIC_OPERATORS = ['NumericEquals', 'NumericGreater', 'NumericLesser', 'NumericGreaterOrEquals', 'NumericLesserOrEquals'] as const;
export const COMPOUND_OPERATORS = ['And', 'Or', 'Not'] as const;
export const CONDITION_OPERATORS = [...STRING_OPERATORS, ...NUMERIC_OPERATORS, 'BooleanEquals', ...COMPOUND_OPERATORS] as const;

type StringOperator = (typeof STRING_OPERATORS)[number];
type NumericOperator = (typeof NUMERIC_OPERATORS)[number];
type ComparisonOperator = StringOperator | NumericOperator | 'BooleanEquals';
type Fields = Record<string, unknown>;

export interface ConditionIssue {
  /** Relative to the branch step's inputs (`['Choices', 1, 'And', 0]`) or to the condition checked. */
  path: ValuePath;
  message: string;
}

export interface ConditionOptions {
  /**
   * Dry-run checks conditions before substitution: a value that is still a `{{ reference }}` may
   * become any type, so only its presence is checked.
   */
  allowReferences?: boolean;
}

export type BranchDecision = { nextStep: string } | { nextStep: undefined; reason: string };

const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const BOOLEAN_TEXT = /^\s*(true|false)\s*$/i;
const MAX_REASON_CHARS = 300;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isReference = (value: unknown): boolean => typeof value === 'string' && findReferences(value).length > 0;
const isComparison = (key: string): key is ComparisonOperator => (CONDITION_OPERATORS as readonly string[]).includes(key) && !(COMPOUND_OPERATORS as readonly string[]).includes(key);
const isNumericOperator = (operator: ComparisonOperator): operator is NumericOperator => (NUMERIC_OPERATORS as readonly string[]).includes(operator);

// ---------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------

/** The operand each operator compares against; references pass when checking before substitution. */
function operandSchemas(options: ConditionOptions) {
  const orReference = <T extends z.ZodType>(schema: T, error: string) =>
    (options.allowReferences ? z.union([schema, z.string().refine(isReference)], { error }) : schema).optional();
  const text = z.union([z.string(), z.number(), z.boolean()], { error: 'expected text to compare with' });
  const number = z.union([z.number(), z.string().regex(NUMBER_TEXT, { error: 'expected a number to compare with' })], { error: 'expected a number to compare with' });
  const boolean = z.union([z.boolean(), z.string().regex(BOOLEAN_TEXT, { error: 'expected true or false' })], { error: 'expected true or false' });
  const operands: Record<string, z.ZodType> = {};
  for (const operator of STRING_OPERATORS) operands[operator] = orReference(text, 'expected text to compare with');
  for (const operator of NUMERIC_OPERATORS) operands[operator] = orReference(number, 'expected a number to compare with');
  operands.BooleanEquals = orReference(boolean, 'expected true or false');
  return operands;
}

function conditionSchema(isChoice: boolean, options: ConditionOptions) {
  const list = (operator: string) =>
    z
      .array(z.unknown(), { error: `expected a list of conditions for ${operator}` })
      .min(1, { error: `expected at least one condition for ${operator}` })
      .optional();
  return z.strictObject({
    ...(isChoice && { NextStep: z.string({ error: 'expected the name of a step' }).min(1, { error: 'expected the name of a step' }).optional() }),
    Variable: z.unknown().optional(),
    ...operandSchemas(options),
    And: list('And'),
    Or: list('Or'),
    // AWS's examples write Not both as one condition and as a one-item list of it.
    Not: z.union([z.array(z.unknown()).length(1), z.record(z.string(), z.unknown())], { error: 'expected one condition (an object, or a list of one)' }).optional(),
  });
}

function zodIssues(error: z.ZodError, path: ValuePath, what: string, known: readonly string[]): ConditionIssue[] {
  return error.issues.map((issue) => {
    const at = [...path, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `'${key}'`).join(', ');
      return { path: at, message: `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${keys}; ${what} has ${known.join(', ')}` };
    }
    return { path: at, message: issue.message };
  });
}

function describeOperators(operators: string[]): string {
  return operators.length === 0 ? 'none' : operators.join(' and ');
}

/** Every problem with one condition (and its nested ones); `isChoice` for a top-level choice with NextStep. */
function checkCondition(value: unknown, path: ValuePath, isChoice: boolean, options: ConditionOptions): ConditionIssue[] {
  const what = isChoice ? 'a choice' : 'a condition';
  const needs = isChoice ? 'a choice needs NextStep and exactly one operator' : 'a condition needs exactly one operator';
  if (!isRecord(value)) return [{ path, message: `expected ${what} object like {"Variable": "{{ Mode }}", "StringEquals": "fast"${isChoice ? ', "NextStep": "stepName"' : ''}}` }];
  const known = [...(isChoice ? ['NextStep'] : []), 'Variable', ...CONDITION_OPERATORS];
  const parsed = conditionSchema(isChoice, options).safeParse(value);
  const issues = parsed.success ? [] : zodIssues(parsed.error, path, what, known);

  const operators = Object.keys(value).filter((key) => (CONDITION_OPERATORS as readonly string[]).includes(key));
  if (isChoice && value.NextStep === undefined) issues.push({ path, message: `${needs}; it has no NextStep` });
  if (!isChoice && value.NextStep !== undefined) issues.push({ path: [...path, 'NextStep'], message: 'only a top-level choice has NextStep; a nested condition has not' });
  if (operators.length !== 1) {
    issues.push({ path, message: `${needs} (${CONDITION_OPERATORS.join(', ')}); it has ${describeOperators(operators)}` });
    return issues;
  }
  const operator = operators[0]!;
  if (isComparison(operator)) {
    if (!Object.hasOwn(value, 'Variable')) issues.push({ path: [...path, 'Variable'], message: `required; the value ${operator} compares` });
    return issues;
  }
  if (Object.hasOwn(value, 'Variable')) issues.push({ path: [...path, 'Variable'], message: `${operator} combines conditions, each with its own Variable; it takes none itself` });
  const nested = value[operator];
  const items = Array.isArray(nested) ? nested : isRecord(nested) ? [nested] : [];
  const nestedPath = (index: number): ValuePath => (Array.isArray(nested) ? [...path, operator, index] : [...path, operator]);
  // Shape errors of the list itself are reported above; only check well-formed lists deeper.
  if (parsed.success) items.forEach((item, index) => issues.push(...checkCondition(item, nestedPath(index), false, options)));
  return issues;
}

/** Problems with a condition such as an aws:loop LoopCondition, with paths relative to `path`. */
export function conditionIssues(condition: unknown, path: ValuePath = [], options: ConditionOptions = {}): ConditionIssue[] {
  return checkCondition(condition, path, false, options);
}

const branchInputsSchema = z.looseObject({
  Choices: z.array(z.unknown(), { error: 'required; a list of choices, each with NextStep and one operator' }).min(1, { error: 'expected at least one choice' }),
  Default: z.string({ error: 'expected the name of a step' }).min(1, { error: 'expected the name of a step' }).optional(),
});

/** Problems with an aws:branch step's inputs, paths relative to the inputs (`Choices[1].NextStep`). */
export function branchInputIssues(inputs: unknown, options: ConditionOptions = {}): ConditionIssue[] {
  if (!isRecord(inputs)) return [{ path: [], message: 'expected the inputs object with Choices (and optionally Default)' }];
  const parsed = branchInputsSchema.safeParse(inputs);
  if (!parsed.success) return zodIssues(parsed.error, [], 'aws:branch', ['Choices', 'Default']);
  return parsed.data.Choices.flatMap((choice, index) => checkCondition(choice, ['Choices', index], true, options));
}

function failWith(issues: ConditionIssue[]): never {
  throw new Error(issues.map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message)).join('; '));
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return value === null || value === undefined ? 'empty' : `${shown(value)}`;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) return Number(value);
  return undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && BOOLEAN_TEXT.test(value)) return value.trim().toLowerCase() === 'true';
  return undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function compareNumbers(operator: NumericOperator, left: number, right: number): boolean {
  switch (operator) {
    case 'NumericEquals':
      return left === right;
    case 'NumericGreater':
      return left > right;
    case 'NumericLesser':
      return left < right;
    case 'NumericGreaterOrEquals':
      return left >= right;
    case 'NumericLesserOrEquals':
      return left <= right;
  }
}

function compareText(operator: StringOperator, variable: string, operand: string): boolean {
  switch (operator) {
    case 'StringEquals':
      return variable === operand;
    case 'EqualsIgnoreCase':
      return variable.toLowerCase() === operand.toLowerCase();
    case 'StartsWith':
      return variable.startsWith(operand);
    case 'EndsWith':
      return variable.endsWith(operand);
    case 'Contains':
      return variable.includes(operand);
  }
}

function evaluateComparison(operator: ComparisonOperator, variable: unknown, operand: unknown, path: ValuePath): boolean {
  const at = formatPath([...path, 'Variable']);
  if (isNumericOperator(operator)) {
    const left = asNumber(variable);
    if (left === undefined) throw new Error(`${at}: ${operator} compares numbers, but the variable is ${kindOf(variable)}`);
    return compareNumbers(operator, left, asNumber(operand)!);
  }
  if (operator === 'BooleanEquals') {
    const left = asBoolean(variable);
    if (left === undefined) throw new Error(`${at}: BooleanEquals compares true or false, but the variable is ${kindOf(variable)}`);
    return left === asBoolean(operand);
  }
  const right = asText(operand)!;
  // For a list, Contains asks whether it has the item, as AWS's Contains on a StringList does.
  if (operator === 'Contains' && Array.isArray(variable)) return variable.some((item) => asText(item) === right);
  const left = asText(variable);
  if (left === undefined) throw new Error(`${at}: ${operator} compares text, but the variable is ${kindOf(variable)}`);
  return compareText(operator, left, right);
}

/** Evaluates a condition already checked by checkCondition. */
function evaluateChecked(condition: Fields, path: ValuePath): boolean {
  const operator = Object.keys(condition).find((key) => (CONDITION_OPERATORS as readonly string[]).includes(key))!;
  if (isComparison(operator)) return evaluateComparison(operator, condition.Variable, condition[operator], path);
  const nested = condition[operator];
  const items = (Array.isArray(nested) ? nested : [nested]) as Fields[];
  const itemPath = (index: number): ValuePath => (Array.isArray(nested) ? [...path, operator, index] : [...path, operator]);
  if (operator === 'Not') return !evaluateChecked(items[0]!, itemPath(0));
  // Short-circuits like AWS: a later condition that cannot be evaluated does not matter once the answer is known.
  if (operator === 'And') return items.every((item, index) => evaluateChecked(item, itemPath(index)));
  return items.some((item, index) => evaluateChecked(item, itemPath(index)));
}

/** Whether a substituted condition (an aws:loop LoopCondition, say) holds; throws on a malformed one. */
export function evaluateCondition(condition: unknown, path: ValuePath = []): boolean {
  const issues = checkCondition(condition, path, false, {});
  if (issues.length > 0) failWith(issues);
  return evaluateChecked(condition as Fields, path);
}

/**
 * The step an aws:branch goes to: the first matching choice's NextStep, else Default. With
 * neither, AWS carries on with the step after the branch; the reason says why, for the step's log.
 */
export function chooseNextStep(inputs: unknown): BranchDecision {
  const issues = branchInputIssues(inputs);
  if (issues.length > 0) failWith(issues);
  const { Choices: choices, Default: fallback } = inputs as { Choices: Fields[]; Default?: string };
  for (const [index, choice] of choices.entries()) {
    if (evaluateChecked(choice, ['Choices', index])) return { nextStep: choice.NextStep as string };
  }
  if (fallback !== undefined) return { nextStep: fallback };
  const tried = choices.map((choice) => describeCondition(choice)).join('; ');
  const reason = `no choice matched (${tried}) and there is no Default`;
  return { nextStep: undefined, reason: reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 3)}...` : reason };
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

const OPERATOR_TEXT: Record<ComparisonOperator, string> = {
  StringEquals: '=',
  EqualsIgnoreCase: '=',
  StartsWith: 'starts with',
  EndsWith: 'ends with',
  Contains: 'contains',
  NumericEquals: '==',
  NumericGreater: '>',
  NumericLesser: '<',
  NumericGreaterOrEquals: '>=',
  NumericLesserOrEquals: '<=',
  BooleanEquals: 'is',
};

function labelValue(value: unknown): string {
  return typeof value === 'string' ? value : shown(value);
}

/**
 * A short text of a condition for the console's graph and for logs, like `{{ Mode }} = fast` or
 * `not ({{ Count }} > 3)`. Never throws: the editor calls it on half-written documents.
 */
export function describeCondition(condition: unknown): string {
  if (!isRecord(condition)) return '?';
  const operator = Object.keys(condition).find((key) => (CONDITION_OPERATORS as readonly string[]).includes(key));
  if (operator === undefined) return '?';
  if (isComparison(operator)) {
    const suffix = operator === 'EqualsIgnoreCase' ? ' (any case)' : '';
    return `${labelValue(condition.Variable)} ${OPERATOR_TEXT[operator]} ${labelValue(condition[operator])}${suffix}`;
  }
  const nested = condition[operator];
  const parts = (Array.isArray(nested) ? nested : [nested]).map((item) => {
    const text = describeCondition(item);
    const isCompound = isRecord(item) && COMPOUND_OPERATORS.some((key) => key !== 'Not' && Object.hasOwn(item, key));
    return isCompound ? `(${text})` : text;
  });
  if (operator === 'Not') return `not (${parts[0] ?? '?'})`;
  return parts.join(operator === 'And' ? ' and ' : ' or ');
}
