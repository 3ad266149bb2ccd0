/**
 * IAM-style policy documents: the grammar Opsdeck accepts (a subset of AWS IAM's identity-policy
 * grammar) and a parser whose errors carry the line and column of the offending JSON, so the
 * console's editor can underline the exact place. Evaluation lives in evaluate.ts.
 */
import {
  findNodeAtLocation,
  getLocation,
  parse,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { z } from 'zod';

export const POLICY_VERSION = '2012-10-17';

export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export interface PolicyError {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like the browser's editors. */
  column: number;
  message: string;
  /** 0-based offset and length of the text to underline. */
  offset: number;
  length: number;
}

export type PolicyParseResult = { ok: true; document: PolicyDocument } | { ok: false; errors: PolicyError[] };

// ---------------------------------------------------------------------------------------------
// Grammar. Messages are predicates ("must be ..., not ..."); issueToErrors prefixes the element's
// path, giving e.g. `Statement[0].Effect must be "Allow" or "Deny", not "allow"`.

type ErrorFunction = (issue: { input?: unknown; code?: string }) => string | undefined;

const mustBe =
  (expected: string): ErrorFunction =>
  (issue) =>
    issue.input === undefined ? `is required and must be ${expected}` : `must be ${expected}, not ${describeValue(issue.input)}`;

// Only a wrong type is reworded; strictObject's unrecognized_keys issues are worded per key later.
const objectMustBe =
  (expected: string): ErrorFunction =>
  (issue) =>
    issue.code === 'invalid_type' ? mustBe(expected)(issue) : undefined;

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}..."` : json;
}

function stringMatching(pattern: RegExp, expected: string) {
  return z.string({ error: mustBe(expected) }).regex(pattern, { error: mustBe(expected) });
}

// AWS accepts a single string or a list wherever a list of names is allowed.
function oneOrList<T extends z.ZodType>(item: T, expected: string) {
  return z.union([item, z.array(item).min(1, 'must not be an empty list')], {
    error: mustBe(`${expected}, or a non-empty list of them`),
  });
}

// Action names are `service:Action` with IAM's wildcards, or `*` alone.
const ACTION_PATTERN = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const ACTION_EXPECTED = 'an action like ssm:GetParameter, ssm:Get*, opsdeck:* or *';

// An `arn:aws:...` resource would never match an Opsdeck ARN, so a policy pasted from AWS is
// refused here instead of silently granting nothing.
const RESOURCE_PATTERN = /^(\*|arn:(opsdeck|\*):[^:]*:[^:]*:[^:]*:.+)$/;
const RESOURCE_EXPECTED = '"*" or an Opsdeck ARN like arn:opsdeck:ssm:us-east-1:123456789012:parameter/prod/db';

const CONDITION_KEY_PATTERN = /^[A-Za-z0-9-]+:\S+$/;
const conditionKey = z
  .string()
  .regex(CONDITION_KEY_PATTERN, 'is not a condition key; condition keys look like aws:username or ssm:resourceTag/Environment');

const conditionValues = oneOrList(z.string({ error: mustBe('a string') }), 'a string');

const conditionKeyValues = z
  .record(conditionKey, conditionValues, {
    error: objectMustBe('an object of condition key → value(s)'),
  })
  .refine((entries) => Object.keys(entries).length > 0, 'must name at least one condition key');

const conditionSchema = z.strictObject(
  {
    StringEquals: conditionKeyValues.optional(),
    StringNotEquals: conditionKeyValues.optional(),
    StringEqualsIgnoreCase: conditionKeyValues.optional(),
    StringLike: conditionKeyValues.optional(),
    StringNotLike: conditionKeyValues.optional(),
  } satisfies Record<ConditionOperator, unknown>,
  { error: objectMustBe('an object of condition operator → { key → value(s) }') },
);

const actionList = oneOrList(stringMatching(ACTION_PATTERN, ACTION_EXPECTED), ACTION_EXPECTED);
const resourceList = oneOrList(stringMatching(RESOURCE_PATTERN, RESOURCE_EXPECTED), RESOURCE_EXPECTED);

const statementSchema = z
  .strictObject(
    {
      // IAM itself only takes ASCII letters and digits in a Sid.
      Sid: stringMatching(/^[A-Za-z0-9]*$/, 'ASCII letters and digits only').optional(),
      Effect: z.enum(['Allow', 'Deny'], { error: mustBe('"Allow" or "Deny"') }),
      Action: actionList.optional(),
      NotAction: actionList.optional(),
      Resource: resourceList.optional(),
      NotResource: resourceList.optional(),
      Condition: conditionSchema.optional(),
    },
    { error: objectMustBe('a statement object') },
  )
  .superRefine(exactlyOneOf('Action', 'NotAction'))
  .superRefine(exactlyOneOf('Resource', 'NotResource'));

export type PolicyStatement = z.infer<typeof statementSchema>;
export type PolicyCondition = NonNullable<PolicyStatement['Condition']>;

export const policyDocumentSchema = z
  .strictObject(
    {
      Version: z.literal(POLICY_VERSION, { error: mustBe(`"${POLICY_VERSION}"`) }),
      Id: z.string({ error: mustBe('a string') }).optional(),
      Statement: z.union([statementSchema, z.array(statementSchema).min(1, 'must contain at least one statement')], {
        error: mustBe('a statement object or a non-empty list of statements'),
      }),
    },
    { error: objectMustBe('a JSON object') },
  )
  .superRefine(uniqueSids);

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

function exactlyOneOf(element: 'Action' | 'Resource', negated: 'NotAction' | 'NotResource') {
  return (statement: Partial<Record<string, unknown>>, ctx: z.RefinementCtx) => {
    const hasElement = statement[element] !== undefined;
    const hasNegated = statement[negated] !== undefined;
    if (hasElement && hasNegated) ctx.addIssue({ code: 'custom', path: [negated], message: `cannot be used together with ${element}` });
    const article = element === 'Action' ? 'an' : 'a';
    if (!hasElement && !hasNegated) ctx.addIssue({ code: 'custom', path: [], message: `must have ${article} ${element} or a ${negated}` });
  };
}

// IAM requires Sids to be unique within one policy; they name statements in decisions and logs.
function uniqueSids(document: { Statement: PolicyStatement | PolicyStatement[] }, ctx: z.RefinementCtx) {
  if (!Array.isArray(document.Statement)) return;
  const firstIndexBySid = new Map<string, number>();
  document.Statement.forEach((statement, index) => {
    if (!statement.Sid) return;
    const first = firstIndexBySid.get(statement.Sid);
    if (first === undefined) firstIndexBySid.set(statement.Sid, index);
    else ctx.addIssue({ code: 'custom', path: ['Statement', index, 'Sid'], message: `repeats the Sid "${statement.Sid}" of Statement[${first}]; Sids must be unique within a policy` });
  });
}

/** The statements of a document as a list, whichever form the author used. */
export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

// ---------------------------------------------------------------------------------------------
// Parsing

export function parsePolicyDocument(text: string): PolicyParseResult {
  const lines = new LineIndex(text);
  if (text.trim() === '') return { ok: false, errors: [lines.error(0, 0, 'the policy document is empty')] };

  const syntaxErrors: ParseError[] = [];
  const value: unknown = parse(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true });
  if (syntaxErrors.length > 0) return { ok: false, errors: describeSyntaxErrors(text, syntaxErrors, lines) };

  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  // jsonc-parser keeps the last of two equal keys, which the author may not be looking at.
  const duplicateErrors = root ? findDuplicateKeys(root, lines) : [];
  if (duplicateErrors.length > 0) return { ok: false, errors: duplicateErrors };

  const result = policyDocumentSchema.safeParse(value);
  if (result.success) return { ok: true, document: result.data };
  const errors = result.error.issues.flatMap((issue) => issueToErrors(issue, root, lines));
  return { ok: false, errors: errors.sort((a, b) => a.offset - b.offset) };
}

/** `line 4, column 17: expected a comma or closing brace` */
export function formatPolicyError(error: PolicyError): string {
  return `line ${error.line}, column ${error.column}: ${error.message}`;
}

class LineIndex {
  private readonly lineStarts = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '\r' && text[i + 1] === '\n') continue;
      if (char === '\n' || char === '\r') this.lineStarts.push(i + 1);
    }
  }

  error(offset: number, length: number, message: string): PolicyError {
    let line = 0;
    while (line + 1 < this.lineStarts.length && (this.lineStarts[line + 1] ?? Infinity) <= offset) line++;
    return { line: line + 1, column: offset - (this.lineStarts[line] ?? 0) + 1, message, offset, length };
  }
}

// ---------------------------------------------------------------------------------------------
// JSON syntax errors

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidNumberFormat: 'this is not a valid JSON number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the property name',
  CloseBraceExpected: 'expected a comma or closing brace',
  CloseBracketExpected: 'expected a comma or closing bracket',
  EndOfFileExpected: 'expected the end of the document after the closing brace',
  InvalidCommentToken: 'comments are not allowed in a policy document',
  UnexpectedEndOfComment: 'comments are not allowed in a policy document',
  UnexpectedEndOfString: 'this string is not closed: expected a closing double quote',
  UnexpectedEndOfNumber: 'this number ends too early',
  InvalidUnicode: 'a \\u escape needs four hexadecimal digits',
  InvalidEscapeCharacter: 'invalid escape sequence; JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
  InvalidCharacter: 'tabs and line breaks inside a string must be escaped as \\t and \\n',
};

function describeSyntaxErrors(text: string, errors: ParseError[], lines: LineIndex): PolicyError[] {
  const seenOffsets = new Set<number>();
  const described: PolicyError[] = [];
  for (const error of errors) {
    // One mistake often yields several errors at the same place; the first says it best.
    if (seenOffsets.has(error.offset)) continue;
    seenOffsets.add(error.offset);
    described.push(describeSyntaxError(text, error, lines));
  }
  return described;
}

function describeSyntaxError(text: string, error: ParseError, lines: LineIndex): PolicyError {
  const code = printParseErrorCode(error.error);
  const trailingComma = findTrailingComma(text, error.offset);
  if (trailingComma !== undefined && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    return lines.error(trailingComma, 1, `JSON does not allow a comma before ${text[error.offset]}`);
  }
  if (code === 'CommaExpected') return lines.error(error.offset, error.length, `expected a comma or ${closerAt(text, error.offset)}`);
  if (code === 'InvalidSymbol') {
    const symbol = text.slice(error.offset, error.offset + Math.max(error.length, 1));
    const hint = symbol.startsWith("'") ? '; JSON strings and property names need double quotes' : '';
    return lines.error(error.offset, error.length, `unexpected ${JSON.stringify(symbol)}${hint}`);
  }
  return lines.error(error.offset, error.length, SYNTAX_MESSAGES[code] ?? code);
}

function closerAt(text: string, offset: number): string {
  const path = getLocation(text, offset).path;
  return typeof path[path.length - 1] === 'number' ? 'closing bracket' : 'closing brace';
}

function findTrailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  return text[i] === ',' ? i : undefined;
}

function findDuplicateKeys(node: JsonNode, lines: LineIndex, path = ''): PolicyError[] {
  const errors: PolicyError[] = [];
  const seen = new Set<string>();
  node.children?.forEach((child, index) => {
    if (node.type === 'object') {
      const [keyNode, valueNode] = child.children ?? [];
      const key = String(keyNode?.value);
      if (keyNode && seen.has(key)) errors.push(lines.error(keyNode.offset, keyNode.length, `${path || 'The policy document'} has "${key}" twice`));
      seen.add(key);
      if (valueNode) errors.push(...findDuplicateKeys(valueNode, lines, joinPath(path, key)));
    } else if (node.type === 'array') {
      errors.push(...findDuplicateKeys(child, lines, `${path}[${index}]`));
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Structural (zod) errors, placed on the JSON node they are about

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

function issueToErrors(issue: Issue, root: JsonNode | undefined, lines: LineIndex, base: Path = []): PolicyError[] {
  const path = [...base, ...issue.path];
  switch (issue.code) {
    case 'invalid_union': {
      const branch = pickUnionBranch(issue.errors);
      if (branch) return branch.flatMap((inner) => issueToErrors(inner, root, lines, path));
      return [placeError(root, lines, path, `${subjectOf(path)} ${issue.message}`)];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => placeError(root, lines, [...path, key], describeUnknownKey(path, key), { isKey: true }));
    case 'invalid_key': {
      const reason = issue.issues[0]?.message ?? issue.message;
      const key = String(path[path.length - 1]);
      return [placeError(root, lines, path, `${subjectOf(path.slice(0, -1))} key "${key}" ${reason}`, { isKey: true })];
    }
    default:
      return [placeError(root, lines, path, `${subjectOf(path)} ${issue.message}`)];
  }
}

// A union of "one item or a list of items" fails in both branches; the branch that got past the
// type check (the object when an object was written, the list when a list was) has the real error.
function pickUnionBranch(branches: Issue[][]): Issue[] | undefined {
  const passedTypeCheck = branches.filter((issues) => !issues.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0));
  return passedTypeCheck.length === 1 ? passedTypeCheck[0] : undefined;
}

const STATEMENT_ELEMENTS = 'Sid, Effect, Action, NotAction, Resource, NotResource, Condition';

function describeUnknownKey(parentPath: Path, key: string): string {
  const subject = subjectOf(parentPath);
  if (parentPath[parentPath.length - 1] === 'Condition') {
    return `${subject} uses the unsupported operator "${key}"; supported operators are ${CONDITION_OPERATORS.join(', ')}`;
  }
  if (parentPath.length === 0) return `${subject} has an unknown element "${key}"; allowed elements are Version, Id, Statement`;
  if (key === 'Principal' || key === 'NotPrincipal') return `${subject} has a ${key}, which identity policies do not take`;
  return `${subject} has an unknown element "${key}"; allowed elements are ${STATEMENT_ELEMENTS}`;
}

function placeError(root: JsonNode | undefined, lines: LineIndex, path: Path, message: string, options: { isKey?: boolean } = {}): PolicyError {
  const node = nearestNode(root, path);
  const target = options.isKey && node?.parent?.type === 'property' ? node.parent.children?.[0] : node;
  return lines.error(target?.offset ?? 0, target?.length ?? 0, message);
}

// A missing element has no node of its own; the closest enclosing one is underlined instead.
function nearestNode(root: JsonNode | undefined, path: Path): JsonNode | undefined {
  if (!root) return undefined;
  for (let length = path.length; length >= 0; length--) {
    const segments = path.slice(0, length).filter((segment) => typeof segment !== 'symbol') as (string | number)[];
    const node = findNodeAtLocation(root, segments);
    if (node) return node;
  }
  return root;
}

function subjectOf(path: Path): string {
  if (path.length === 0) return 'The policy document';
  return path.reduce<string>((subject, segment) => (typeof segment === 'number' ? `${subject}[${segment}]` : joinPath(subject, String(segment))), '');
}

function joinPath(subject: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${subject}[${JSON.stringify(key)}]`;
  return subject ? `${subject}.${key}` : key;
}
