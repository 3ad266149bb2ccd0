import type { DocumentIssue } from './content';

export const PARAMETER_TYPES = ['String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** A document parameter as declared in its `parameters` section, after validation. */
export interface ParameterDefinition {
  name: string;
  type: ParameterType;
  description?: string;
  /** Typed as the document gives it: a list for StringList, an object for StringMap... */
  default?: unknown;
  allowedValues?: string[];
  allowedPattern?: string;
  displayType?: string;
  minItems?: number;
  maxItems?: number;
  minChars?: number;
  maxChars?: number;
}

/** A value ready for substitution: typed by the parameter's type. */
export type ParameterValue = string | number | boolean | string[] | Record<string, unknown> | Record<string, unknown>[];
export type ParameterValues = Record<string, ParameterValue>;

export type ParameterResolution = { ok: true; values: ParameterValues } | { ok: false; issues: DocumentIssue[] };

export interface DocumentReference {
  /** `{{ name }}` names a document parameter; `{{ssm:...}}` and `{{ssm-secure:...}}` Parameter Store. */
  kind: 'parameter' | 'ssm' | 'ssm-secure';
  name: string;
  /** Offsets of the whole `{{ ... }}` in the text. */
  start: number;
  end: number;
}

const REFERENCE = /\{\{([^{}]*)\}\}/g;
const STORE_REFERENCE = /^(ssm|ssm-secure):\s*(.+)$/;

/** Every `{{ ... }}` in a string, whitespace inside the braces optional, as AWS accepts them. */
export function findReferences(text: string): DocumentReference[] {
  return [...text.matchAll(REFERENCE)].map((match) => {
    const inner = match[1]!.trim();
    const store = STORE_REFERENCE.exec(inner);
    const start = match.index;
    const end = start + match[0].length;
    return store ? { kind: store[1] as 'ssm' | 'ssm-secure', name: store[2]!, start, end } : { kind: 'parameter', name: inner, start, end };
  });
}

/** The reference when the string is nothing but one `{{ ... }}`: then the value replaces it whole, typed. */
export function wholeReference(text: string): DocumentReference | undefined {
  const [only] = findReferences(text);
  return only && only.start === 0 && only.end === text.length ? only : undefined;
}

/**
 * AWS applies allowedPattern to the whole value (AWS-RunShellScript's executionTimeout pattern is
 * an unanchored alternation that only bounds the number when matched whole).
 */
function matchesPattern(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

/** A value quoted for a message, cut short so one huge value does not drown the others. */
function quote(text: string): string {
  return text.length > 60 ? `'${text.slice(0, 57)}...'` : `'${text}'`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The strings allowedValues, allowedPattern and min/maxChars apply to: the value, or each list item. */
function textItems(definition: ParameterDefinition, value: ParameterValue): string[] {
  if (definition.type === 'StringList' && Array.isArray(value)) return value.map(String);
  if (definition.type === 'String' || definition.type === 'Integer' || definition.type === 'Boolean') return [String(value)];
  return [];
}

/** What is wrong with a value of the right type: allowedValues, allowedPattern, min/max chars and items. */
export function checkParameterValue(definition: ParameterDefinition, value: ParameterValue): string[] {
  const problems: string[] = [];
  for (const item of textItems(definition, value)) {
    if (definition.allowedValues && !definition.allowedValues.includes(item)) {
      problems.push(`${quote(item)} is not one of the allowed values: ${definition.allowedValues.join(', ')}`);
    }
    if (definition.allowedPattern !== undefined && !matchesPattern(definition.allowedPattern, item)) {
      problems.push(`${quote(item)} does not match the allowed pattern ${definition.allowedPattern}`);
    }
    if (definition.minChars !== undefined && item.length < definition.minChars) problems.push(`${quote(item)} is too short (at least ${plural(definition.minChars, 'character')})`);
    if (definition.maxChars !== undefined && item.length > definition.maxChars) problems.push(`${quote(item)} is too long (at most ${plural(definition.maxChars, 'character')})`);
  }
  if (Array.isArray(value)) {
    if (definition.minItems !== undefined && value.length < definition.minItems) problems.push(`expected at least ${plural(definition.minItems, 'value')}`);
    if (definition.maxItems !== undefined && value.length > definition.maxItems) problems.push(`expected at most ${plural(definition.maxItems, 'value')}`);
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** SendCommand's `Parameters` give every value as a list of strings: this types it by the parameter. */
function convertGiven(definition: ParameterDefinition, given: string[]): { value: ParameterValue } | { problem: string } {
  if (definition.type === 'StringList') return { value: given };
  if (given.length !== 1) return { problem: `expected one value, not ${given.length}` };
  const text = given[0]!;
  switch (definition.type) {
    case 'String':
      return { value: text };
    case 'Integer':
      return /^[+-]?\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { problem: `${quote(text)} is not an integer` };
    case 'Boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { problem: `expected true or false, not ${quote(text)}` };
    case 'StringMap': {
      const map = parseJson(text);
      return isRecord(map) ? { value: map } : { problem: 'expected a JSON object like {"key": "value"}' };
    }
    case 'MapList': {
      const list = parseJson(text);
      return Array.isArray(list) && list.every(isRecord) ? { value: list } : { problem: 'expected a JSON list of objects like [{"key": "value"}]' };
    }
  }
}

/**
 * Turns SendCommand's `Parameters` (name → list of strings) into typed values for every declared
 * parameter, defaults filled in, or lists every problem. `path` prefixes issue paths (nested
 * documents use their step's `documentParameters`).
 */
export function resolveParameterValues(definitions: readonly ParameterDefinition[], given: Record<string, string[]> | undefined, options: { path?: string } = {}): ParameterResolution {
  const prefix = options.path ?? 'Parameters';
  const issues: DocumentIssue[] = [];
  const values: ParameterValues = {};
  const supplied = given ?? {};
  const declared = definitions.map((definition) => definition.name);
  for (const name of Object.keys(supplied)) {
    if (!declared.includes(name)) {
      const known = declared.length > 0 ? ` (it has ${declared.join(', ')})` : ' (it has none)';
      issues.push({ path: `${prefix}.${name}`, message: `the document has no parameter '${name}'${known}` });
    }
  }
  for (const definition of definitions) {
    const path = `${prefix}.${definition.name}`;
    const raw: unknown = Object.hasOwn(supplied, definition.name) ? supplied[definition.name] : undefined;
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (!list.every((item) => typeof item === 'string')) {
      issues.push({ path, message: 'expected a list of strings' });
      continue;
    }
    // An empty list for a single-valued parameter means "not given", so its default applies.
    if (raw === undefined || (list.length === 0 && definition.type !== 'StringList')) {
      if (definition.default === undefined) issues.push({ path, message: 'a value is required (the parameter has no default)' });
      else values[definition.name] = structuredClone(definition.default) as ParameterValue;
      continue;
    }
    const converted = convertGiven(definition, list);
    if ('problem' in converted) {
      issues.push({ path, message: converted.problem });
      continue;
    }
    const problems = checkParameterValue(definition, converted.value);
    issues.push(...problems.map((message) => ({ path, message })));
    if (problems.length === 0) values[definition.name] = converted.value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}
