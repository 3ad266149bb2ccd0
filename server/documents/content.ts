/**
 * Reading document content: JSON or YAML with source positions, so every issue found later can
 * point at its line and column in the editor.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isAlias, isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export const DOCUMENT_FORMATS = ['JSON', 'YAML', 'TEXT'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export const DOCUMENT_TYPES = ['Command', 'Automation', 'Session', 'Package', 'Policy', 'ChangeCalendar'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** AWS's limit on a document's content. */
export const MAX_CONTENT_BYTES = 64 * 1024;

export interface DocumentIssue {
  /** Where in the document's value, like `mainSteps[1].inputs.runCommand`; '' for the whole content. */
  path: string;
  message: string;
  /** 1-based, in the original text: the editor's inline lint marks it. */
  line?: number;
  column?: number;
}

export type ValuePath = readonly (string | number)[];
export interface SourcePosition {
  line: number;
  column: number;
}

export type ParsedContent =
  | { ok: true; value: unknown; locate(path: ValuePath): SourcePosition | undefined }
  | { ok: false; issues: DocumentIssue[] };

/**
 * One line per issue for API messages. Syntax errors have no value path, so their position is
 * what tells an API client (who has no inline lint) where to look.
 */
export function formatIssue(issue: DocumentIssue): string {
  if (issue.path) return `${issue.path}: ${issue.message}`;
  if (issue.line !== undefined) return `line ${issue.line}, column ${issue.column ?? 1}: ${issue.message}`;
  return issue.message;
}

/** `['mainSteps', 1, 'inputs', 'runCommand']` → `mainSteps[1].inputs.runCommand`. */
export function formatPath(path: ValuePath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[\w$-]+$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Parses JSON or YAML content (TEXT is returned as is) and keeps a way back to source positions. */
export function parseDocumentContent(content: string, format: DocumentFormat): ParsedContent {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    return { ok: false, issues: [{ path: '', message: `the content is ${bytes} bytes; a document is at most ${MAX_CONTENT_BYTES} bytes (64 KB)` }] };
  }
  switch (format) {
    case 'JSON':
      return parseJson(content);
    case 'YAML':
      return parseYaml(content);
    default:
      return { ok: true, value: content, locate: () => undefined };
  }
}

/** yaml's LineCounter, filled by hand for text the YAML parser did not read. */
function lineCounterFor(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) counter.addNewLine(index + 1);
  return counter;
}

function positionAt(counter: LineCounter, offset: number): SourcePosition {
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

const JSON_ERROR_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected a closing brace }',
  CloseBracketExpected: 'expected a closing bracket ]',
  EndOfFileExpected: 'unexpected text after the end of the document',
  // AWS parses JSON documents strictly: comments and trailing commas are errors there too.
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'control characters in strings must be escaped',
};

/** The message for a parse error and where to mark it (a trailing comma is marked at the comma). */
function jsonSyntaxIssue(error: ParseError, text: string, counter: LineCounter): DocumentIssue {
  const code = printParseErrorCode(error.error);
  const isClosing = text[error.offset] === '}' || text[error.offset] === ']';
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && isClosing && /,\s*$/.test(text.slice(0, error.offset))) {
    return { path: '', message: 'JSON syntax error: trailing commas are not allowed in JSON', ...positionAt(counter, text.lastIndexOf(',', error.offset)) };
  }
  const atEnd = text.slice(error.offset).trim() === '' ? ' before the end of the content' : '';
  return { path: '', message: `JSON syntax error: ${JSON_ERROR_MESSAGES[code] ?? code}${atEnd}`, ...positionAt(counter, error.offset) };
}

/** Plain objects (jsonc-parser's have no prototype); the last of duplicate keys wins, as in JSON.parse. */
function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).filter((property) => property.children?.[1]).map((property) => [property.children![0]!.value as string, jsonValue(property.children![1]!)]));
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

function parseJson(text: string): ParsedContent {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const counter = lineCounterFor(text);
  if (errors.length > 0 || !root) {
    // Error recovery repeats itself at one offset (a missing brace at the end is two errors): keep the first.
    const firstAtOffset = errors.filter((error, index) => errors.findIndex((other) => other.offset === error.offset) === index);
    const issues = firstAtOffset.map((error) => jsonSyntaxIssue(error, text, counter));
    return { ok: false, issues: issues.length > 0 ? issues : [{ path: '', message: 'JSON syntax error: the content is empty', line: 1, column: 1 }] };
  }
  return {
    ok: true,
    value: jsonValue(root),
    locate(path) {
      const node = findNodeAtLocation(root, [...path]);
      if (!node) return undefined;
      // A member is marked at its key, where the editor shows the property.
      const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
      return positionAt(counter, at);
    },
  };
}

function parseYaml(text: string): ParsedContent {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => ({ path: '', message: `YAML syntax error: ${error.message}`, ...positionAt(lineCounter, error.pos[0]) })),
    };
  }
  let value: unknown;
  try {
    // toJS caps alias expansion (maxAliasCount), so a "billion laughs" document fails here.
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `YAML error: ${(error as Error).message}`, line: 1, column: 1 }] };
  }
  return { ok: true, value, locate: (path) => locateYaml(document, lineCounter, path) };
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

/** Walks the YAML tree by keys and indexes; a member is marked at its key, as in JSON. */
function locateYaml(document: Document, lineCounter: LineCounter, path: ValuePath): SourcePosition | undefined {
  let node: unknown = document.contents;
  let offset = (document.contents as Ranged)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value ?? item.key) === String(segment));
      if (!pair) return undefined;
      offset = (pair.key as Ranged)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return undefined;
      offset = (item as Ranged)?.range?.[0] ?? offset;
      node = item;
    } else {
      return undefined;
    }
  }
  return positionAt(lineCounter, offset);
}
