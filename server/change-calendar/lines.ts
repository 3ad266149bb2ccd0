/**
 * iCalendar (RFC 5545) content lines with their line numbers in the source, so every problem a
 * calendar has can be reported at the line the editor shows. ical.js parses the calendar once it
 * is well formed; it reports neither line numbers nor half of what this checks (it silently
 * rolls month 13 over into the next year), so the lexical pass is ours.
 */
import type { DocumentIssue } from '@/server/documents/content';

export interface ContentLine {
  /** Upper-cased, as RFC 5545 names are case-insensitive. */
  name: string;
  /** Upper-cased parameter names; the first value of each, unquoted. */
  params: Record<string, string>;
  value: string;
  /** 1-based line of the first physical line (before unfolding). */
  line: number;
  /** 1-based column of the value in that line, when it starts there. */
  valueColumn: number;
}

export type Issue = DocumentIssue & { line: number };

const NAME = /^[A-Za-z0-9-]+/;

export function issueAt(line: number, message: string, column = 1): Issue {
  return { path: '', message, line, column };
}

/** One logical line: `NAME *(";" param) ":" value`, quotes respected in parameter values. */
function parseContentLine(text: string, line: number): ContentLine | Issue {
  const name = NAME.exec(text)?.[0];
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  if (!name || (text[name.length] !== ';' && text[name.length] !== ':')) return issueAt(line, `expected an iCalendar line like NAME:value, not "${shown}"`);
  const params: Record<string, string> = {};
  let index = name.length;
  while (text[index] === ';') {
    const paramName = NAME.exec(text.slice(index + 1))?.[0];
    if (!paramName || text[index + 1 + paramName.length] !== '=') return issueAt(line, `${name.toUpperCase()}: a parameter is written NAME=value after a semicolon`, index + 2);
    index += paramName.length + 2;
    const values: string[] = [];
    for (;;) {
      if (text[index] === '"') {
        const close = text.indexOf('"', index + 1);
        if (close === -1) return issueAt(line, `${name.toUpperCase()}: the quoted value of ${paramName.toUpperCase()} has no closing quote`, index + 1);
        values.push(text.slice(index + 1, close));
        index = close + 1;
      } else {
        const end = text.slice(index).search(/[;:,"]/);
        if (end === -1) break;
        values.push(text.slice(index, index + end));
        index += end;
      }
      if (text[index] !== ',') break;
      index += 1;
    }
    params[paramName.toUpperCase()] = values[0] ?? '';
  }
  if (text[index] !== ':') return issueAt(line, `${name.toUpperCase()}: expected ":" and the value after the name${Object.keys(params).length > 0 ? ' and parameters' : ''}`, index + 1);
  return { name: name.toUpperCase(), params, value: text.slice(index + 1), line, valueColumn: index + 2 };
}

/**
 * Unfolds (a line starting with a space or tab continues the one before) and splits the text into
 * content lines. Blank lines are skipped: exporters leave them at the end, and they mean nothing.
 */
export function scanContentLines(text: string): { lines: ContentLine[]; issues: Issue[] } {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, index) => {
    const previous = logical.at(-1);
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && previous) previous.text += raw.slice(1);
    else if (raw.trim() !== '') logical.push({ text: raw, line: index + 1 });
  });
  const lines: ContentLine[] = [];
  const issues: Issue[] = [];
  for (const { text: content, line } of logical) {
    const parsed = parseContentLine(content, line);
    if ('path' in parsed) issues.push(parsed);
    else lines.push(parsed);
  }
  return { lines, issues };
}

export interface ComponentNode {
  name: string;
  line: number;
  properties: ContentLine[];
  children: ComponentNode[];
}

/**
 * BEGIN/END nesting as a tree. The root is the VCALENDAR; every mismatch is reported at the line
 * that breaks it.
 */
export function buildTree(lines: ContentLine[]): { root?: ComponentNode; issues: Issue[] } {
  const issues: Issue[] = [];
  const stack: ComponentNode[] = [];
  let root: ComponentNode | undefined;
  for (const line of lines) {
    if (line.name === 'BEGIN') {
      const node: ComponentNode = { name: line.value.trim().toUpperCase(), line: line.line, properties: [], children: [] };
      if (stack.length === 0) {
        if (root) issues.push(issueAt(line.line, `a ChangeCalendar document holds one VCALENDAR; this BEGIN:${node.name} comes after its END:VCALENDAR`));
        else if (node.name !== 'VCALENDAR') issues.push(issueAt(line.line, 'a ChangeCalendar document is iCalendar text beginning with BEGIN:VCALENDAR'));
        root ??= node;
      } else {
        stack.at(-1)!.children.push(node);
      }
      stack.push(node);
    } else if (line.name === 'END') {
      const name = line.value.trim().toUpperCase();
      const open = stack.at(-1);
      if (!open) issues.push(issueAt(line.line, `END:${name} closes nothing: no component is open here`));
      else if (open.name !== name) issues.push(issueAt(line.line, `END:${name} does not match BEGIN:${open.name} on line ${open.line}`));
      else stack.pop();
      if (open && open.name !== name) return { root, issues };
    } else if (stack.length === 0) {
      issues.push(issueAt(line.line, `${line.name} is outside the calendar: every line goes between BEGIN:VCALENDAR and END:VCALENDAR`));
    } else {
      stack.at(-1)!.properties.push(line);
    }
  }
  for (const open of stack.reverse()) issues.push(issueAt(open.line, `BEGIN:${open.name} is never closed: add END:${open.name}`));
  if (!root && issues.length === 0) issues.push(issueAt(1, 'a ChangeCalendar document is iCalendar text beginning with BEGIN:VCALENDAR'));
  return { root, issues };
}

export function firstProperty(node: ComponentNode, name: string): ContentLine | undefined {
  return node.properties.find((property) => property.name === name);
}
