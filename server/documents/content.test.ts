import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath, MAX_CONTENT_BYTES, parseDocumentContent, type DocumentFormat } from './content';

function syntaxIssues(content: string, format: DocumentFormat) {
  const parsed = parseDocumentContent(content, format);
  if (parsed.ok) throw new Error('expected a syntax error');
  return parsed.issues.map(({ message, line, column }) => ({ message, line, column }));
}

describe('parseDocumentContent', () => {
  it.each([
    { name: 'a missing comma', content: '{\n  "schemaVersion": "2.2"\n  "mainSteps": []\n}', issues: [{ message: 'JSON syntax error: expected a comma', line: 3, column: 3 }] },
    { name: 'a trailing comma', content: '{\n  "mainSteps": [1, 2,],\n  "a": 1\n}', issues: [{ message: 'JSON syntax error: trailing commas are not allowed in JSON', line: 2, column: 21 }] },
    { name: 'a comment', content: '{\n  // steps\n  "a": 1\n}', issues: [{ message: 'JSON syntax error: comments are not allowed in JSON', line: 2, column: 3 }] },
    { name: 'an unterminated string', content: '{"a": "b}', issues: [{ message: 'JSON syntax error: unterminated string', line: 1, column: 7 }, { message: 'JSON syntax error: expected a closing brace } before the end of the content', line: 1, column: 10 }] },
    { name: 'content cut short', content: '{"schemaVersion": "2.2",', issues: [{ message: 'JSON syntax error: expected a property name in double quotes before the end of the content', line: 1, column: 25 }] },
    { name: 'no content', content: '', issues: [{ message: 'JSON syntax error: expected a value before the end of the content', line: 1, column: 1 }] },
  ])('reports JSON syntax errors with line and column: $name', ({ content, issues }) => {
    expect(syntaxIssues(content, 'JSON')).toEqual(issues);
  });

  it.each([
    { name: 'a duplicate key', content: 'schemaVersion: "2.2"\nschemaVersion: "2.2"\n', issues: [{ message: 'YAML syntax error: Map keys must be unique', line: 2, column: 1 }] },
    { name: 'a misplaced item', content: 'mainSteps:\n  - name: a\n   action: b\n', issues: [{ message: 'YAML syntax error: Sequence item without - indicator', line: 3, column: 1 }] },
    { name: 'an unclosed flow list', content: 'a: 1\nb: [1, 2\nc: 3\n', line: 3 },
    { name: 'a tab indent', content: 'mainSteps:\n\t- name: a\n', line: 2 },
  ])('reports YAML syntax errors with line and column: $name', ({ content, issues, line }) => {
    const found = syntaxIssues(content, 'YAML');
    if (issues) expect(found).toEqual(issues);
    else expect(found[0]).toMatchObject({ message: expect.stringMatching(/^YAML syntax error: /), line });
  });

  it('refuses content over 64 KB, counted in bytes as AWS does', () => {
    const content = JSON.stringify({ description: 'é'.repeat(MAX_CONTENT_BYTES / 2) });
    const parsed = parseDocumentContent(content, 'JSON');
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: '', message: `the content is ${MAX_CONTENT_BYTES + 18} bytes; a document is at most 65536 bytes (64 KB)` }]);
  });

  it('caps YAML alias expansion (billion laughs)', () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let level = 1; level < 9; level++) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`);
    const parsed = parseDocumentContent(lines.join('\n'), 'YAML');
    expect(parsed.ok).toBe(false);
  });

  it('returns plain values: JSON objects with a prototype, the last duplicate key winning', () => {
    const parsed = parseDocumentContent('{"a": 1, "a": {"b": [true, null]}}', 'JSON');
    expect(parsed.ok && parsed.value).toStrictEqual({ a: { b: [true, null] } });
    expect(parsed.ok && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it('locates a value path at its key in JSON and YAML', () => {
    const json = parseDocumentContent('{\n  "mainSteps": [\n    {"name": "x", "inputs": {"runCommand": 42}}\n  ]\n}', 'JSON');
    const yaml = parseDocumentContent('schemaVersion: "2.2"\nmainSteps:\n  - name: x\n    inputs:\n      runCommand: 42\n', 'YAML');
    if (!json.ok || !yaml.ok) throw new Error('expected both to parse');
    expect(json.locate(['mainSteps', 0, 'inputs', 'runCommand'])).toEqual({ line: 3, column: 30 });
    expect(json.locate(['mainSteps', 0])).toEqual({ line: 3, column: 5 });
    expect(json.locate(['mainSteps', 0, 'nope'])).toBeUndefined();
    expect(yaml.locate(['mainSteps', 0, 'inputs', 'runCommand'])).toEqual({ line: 5, column: 7 });
    expect(yaml.locate(['mainSteps', 0])).toEqual({ line: 3, column: 5 });
    expect(yaml.locate([])).toEqual({ line: 1, column: 1 });
    expect(yaml.locate(['mainSteps', 3])).toBeUndefined();
  });

  it('returns TEXT content as is', () => {
    expect(parseDocumentContent('BEGIN:VCALENDAR', 'TEXT')).toMatchObject({ ok: true, value: 'BEGIN:VCALENDAR' });
  });
});

describe('formatIssue and formatPath', () => {
  it('writes paths as a reader would type them', () => {
    expect(formatPath(['mainSteps', 1, 'inputs', 'runCommand'])).toBe('mainSteps[1].inputs.runCommand');
    expect(formatPath(['parameters', 'my param'])).toBe('parameters["my param"]');
    expect(formatPath([])).toBe('');
  });

  it('puts the path first, or the position when the issue is about the text itself', () => {
    expect(formatIssue({ path: 'mainSteps[1].inputs.runCommand', message: 'expected a list of strings', line: 9, column: 7 })).toBe('mainSteps[1].inputs.runCommand: expected a list of strings');
    expect(formatIssue({ path: '', message: 'JSON syntax error: expected a comma', line: 3, column: 3 })).toBe('line 3, column 3: JSON syntax error: expected a comma');
    expect(formatIssue({ path: '', message: 'too big' })).toBe('too big');
  });
});
