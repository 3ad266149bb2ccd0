/**
 * Step outputs picked out of an action's response by JSONPath, typed as the step declares them,
 * as AWS Automation does (`outputs: [{Name, Selector, Type}]`).
 */
import { JSONPath } from 'jsonpath-plus';
import { PARAMETER_TYPES, type ParameterType, type ParameterValue } from '@/server/documents/parameters';

export interface OutputDeclaration {
  Name: string;
  Selector: string;
  /** AWS makes Type optional and takes String when it is left out. */
  Type?: string;
}

type Coerced = { value: ParameterValue } | { problem: string };

const MAX_QUOTED_CHARS = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A found value as a message shows it: JSON, cut short so one huge response does not drown the message. */
export function quoteValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS - 3)}...` : text;
}

/** Brackets and quotes must pair up: jsonpath-plus quietly reads `$[` as `$`, which would select the whole payload. */
function hasUnbalancedBrackets(selector: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (const character of selector) {
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === '[') {
      depth++;
    } else if (character === ']') {
      if (--depth < 0) return true;
    }
  }
  return depth !== 0 || quote !== undefined;
}

/**
 * What is wrong with a selector's syntax, or undefined. Script expressions are refused: selectors
 * come from user documents and are evaluated inside the server, jsonpath-plus's script sandbox has
 * had escapes (CVE-2024-21534, CVE-2025-1302), and AWS's own runbooks select by plain paths.
 */
export function selectorProblem(selector: string): string | undefined {
  const text = selector.trim();
  if (!text.startsWith('$')) return `selector ${quoteValue(selector)} is not a JSONPath; it starts with $, like $.Payload.value`;
  if (/\[\s*\??\s*\(/.test(text)) return `selector ${text} uses a script expression ([?(...)] or [(...)]), which Opsdeck does not run; select by path and index, like $.Items[0].Id`;
  if (hasUnbalancedBrackets(text)) return `selector ${text} has an unclosed bracket or quote`;
  if (/\.$/.test(text) && !/\.\.$/.test(text)) return `selector ${text} ends with a dot; name the property after it`;
  return undefined;
}

/** Every value the selector matches in the payload, in document order; throws on a malformed selector. */
export function selectValue(payload: unknown, selector: string): unknown[] {
  const problem = selectorProblem(selector);
  if (problem) throw new Error(problem);
  // jsonpath-plus types `json` as JSON values only; undefined means "no payload", which matches nothing.
  if (payload === undefined) return [];
  return JSONPath({ path: selector.trim(), json: payload as object, wrap: true, eval: false }) as unknown[];
}

/**
 * A selector with a wildcard, slice, union or recursive descent names a list of matches even when
 * it finds one; a plain path names one value (which may itself be a list).
 */
function selectsMany(selector: string): boolean {
  return JSONPath.toPathArray(selector.trim()).some((segment) => segment === '*' || segment === '..' || /[:,]/.test(segment));
}

function article(type: ParameterType): string {
  return type === 'Integer' ? 'an Integer' : `a ${type}`;
}

/** AWS's conversions: String ↔ Integer/Boolean where the text allows, scalars into one-item lists and back. */
function coerce(value: unknown, type: ParameterType): Coerced {
  const fail: Coerced = { problem: `found ${quoteValue(value)}, which is not ${article(type)}` };
  // A one-item list stands for its item when a single value is wanted.
  const single = Array.isArray(value) && value.length === 1 && isScalar(value[0]) ? value[0] : value;
  switch (type) {
    case 'String':
      return isScalar(single) ? { value: String(single) } : fail;
    case 'Integer':
      if (typeof single === 'number') return Number.isSafeInteger(single) ? { value: single } : fail;
      if (typeof single === 'string' && /^\s*[+-]?\d+\s*$/.test(single) && Number.isSafeInteger(Number(single))) return { value: Number(single) };
      return fail;
    case 'Boolean':
      if (typeof single === 'boolean') return { value: single };
      if (typeof single === 'string' && /^(true|false)$/i.test(single.trim())) return { value: single.trim().toLowerCase() === 'true' };
      return fail;
    case 'StringList':
      if (isScalar(value)) return { value: [String(value)] };
      return Array.isArray(value) && value.every(isScalar) ? { value: value.map(String) } : fail;
    case 'StringMap':
      return isRecord(value) ? { value } : fail;
    case 'MapList':
      return Array.isArray(value) && value.every(isRecord) ? { value } : fail;
  }
}

function isParameterType(type: string): type is ParameterType {
  return (PARAMETER_TYPES as readonly string[]).includes(type);
}

/** One declared output's value, or a message saying exactly why it has none. */
function selectOutput(payload: unknown, output: OutputDeclaration): ParameterValue {
  const type = output.Type ?? 'String';
  const prefix = `output '${output.Name}'`;
  if (!isParameterType(type)) throw new Error(`${prefix}: Type '${type}' is not one of ${PARAMETER_TYPES.join(', ')}`);
  let matches: unknown[];
  try {
    matches = selectValue(payload, output.Selector);
  } catch (error) {
    throw new Error(`${prefix}: ${(error as Error).message}`, { cause: error });
  }
  const found = matches.filter((match) => match !== undefined);
  if (found.length === 0) throw new Error(`${prefix}: selector ${output.Selector} matched nothing in the step's output`);
  const value = selectsMany(output.Selector) ? found : found[0];
  const coerced = coerce(value, type);
  if ('problem' in coerced) throw new Error(`${prefix}: selector ${output.Selector} ${coerced.problem}`);
  return coerced.value;
}

/** Each declared output's value by name; throws at the first output that cannot be filled. */
export function selectOutputs(payload: unknown, outputs: readonly OutputDeclaration[]): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const output of outputs) values[output.Name] = selectOutput(payload, output);
  return values;
}
