/**
 * Reading document content: JSON or YAML with positions, so every issue found later can point
 * at its line and column in the editor.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

export const DOCUMENT_FORMATS = ['JSON', 'YAML', 'TEXT'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export const DOCUMENT_TYPES = ['Command', 'Automation', 'Session', 'Package', 'Policy', 'ChangeCalendar'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** AWS's limit on document content. */
export const MAX_CONTENT_BYTES = 64 * 1024;

export interface DocumentIssue {
  /** Where in the document, like `mainSteps[1].inputs.runCommand`; empty for the whole text. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type ValuePath = (string | number)[];
export interface SourcePosition {
  line: number;
  column: number;
}

export const formatIssue = (issue: DocumentIssue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message);

/** `mainSteps[1].inputs.runCommand` from ['mainSteps', 1, 'inputs', 'runCommand']. */
export function formatPath(path: ValuePath): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

export type ParsedContent =
  | { ok: true; value: unknown; locate(path: ValuePath): SourcePosition | undefined }
  | { ok: false; issues: DocumentIssue[] };

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function parseJson(content: string): ParsedContent {
  const errors: ParseError[] = [];
  // Comments and trailing commas are not JSON, and AWS refuses them.
  const tree = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    if (errors.length === 0) return { ok: false, issues: [{ path: '', message: 'the document is empty', line: 1, column: 1 }] };
    const issues = errors.slice(0, 5).map((error) => {
      const position = lineColumn(content, error.offset);
      return { path: '', message: `JSON syntax error: ${printParseErrorCode(error.error)} at line ${position.line}, column ${position.column}`, ...position };
    });
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: JSON.parse(content),
    locate(path) {
      // The closest node that exists: a missing member is reported where its parent is.
      for (let length = path.length; length >= 0; length--) {
        const node: JsonNode | undefined = findNodeAtLocation(tree, path.slice(0, length));
        if (node) return lineColumn(content, node.parent?.type === 'property' ? node.parent.offset : node.offset);
      }
      return undefined;
    },
  };
}

function parseYaml(content: string): ParsedContent {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.slice(0, 5).map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { path: '', message: `YAML syntax error: ${error.message.split('\n')[0]} at line ${position.line}, column ${position.col}`, line: position.line, column: position.col };
      }),
    };
  }
  return {
    ok: true,
    value: document.toJS({ maxAliasCount: 100 }),
    locate(path) {
      for (let length = path.length; length >= 0; length--) {
        const node = document.getIn(path.slice(0, length), true);
        if (isNode(node) && node.range) {
          const position = lineCounter.linePos(node.range[0]);
          return { line: position.line, column: position.col };
        }
      }
      return undefined;
    },
  };
}

export function parseDocumentContent(content: string, format: DocumentFormat): ParsedContent {
  if (Buffer.byteLength(content) > MAX_CONTENT_BYTES) {
    return { ok: false, issues: [{ path: '', message: `the content is ${Buffer.byteLength(content)} bytes; documents may have at most ${MAX_CONTENT_BYTES} (64 KB)` }] };
  }
  if (format === 'TEXT') return { ok: true, value: content, locate: () => undefined };
  return format === 'JSON' ? parseJson(content) : parseYaml(content);
}
