import { describe, expect, it } from 'vitest';
import { formatIssue } from './content';
import { findReferences, resolveParameterValues, wholeReference, type ParameterDefinition } from './parameters';

/** AWS-RunShellScript's parameters. */
const RUN_SHELL_SCRIPT: ParameterDefinition[] = [
  { name: 'commands', type: 'StringList', minItems: 1 },
  { name: 'workingDirectory', type: 'String', default: '', maxChars: 4096 },
  { name: 'executionTimeout', type: 'String', default: '3600', allowedPattern: '([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)' },
];

const TYPED: ParameterDefinition[] = [
  { name: 'count', type: 'Integer', default: 1 },
  { name: 'force', type: 'Boolean', default: false },
  { name: 'tags', type: 'StringMap', default: {} },
  { name: 'rules', type: 'MapList', default: [] },
  { name: 'level', type: 'String', default: 'info', allowedValues: ['debug', 'info'] },
  { name: 'hosts', type: 'StringList', default: ['a'], maxItems: 2, minChars: 2, allowedPattern: '[a-z]+' },
  { name: 'code', type: 'String', default: 'abc', minChars: 3, maxChars: 5 },
];

function issues(definitions: ParameterDefinition[], given: Record<string, string[]> | undefined) {
  const resolved = resolveParameterValues(definitions, given);
  return resolved.ok ? [] : resolved.issues.map(formatIssue);
}

describe('resolveParameterValues', () => {
  it('types the values SendCommand gives as lists of strings and fills in defaults', () => {
    expect(resolveParameterValues(RUN_SHELL_SCRIPT, { commands: ['echo one', 'echo two'] })).toEqual({
      ok: true,
      values: { commands: ['echo one', 'echo two'], workingDirectory: '', executionTimeout: '3600' },
    });
    expect(resolveParameterValues(TYPED, { count: ['42'], force: ['true'], tags: ['{"Env": "prod"}'], rules: ['[{"port": 22}]'], level: ['debug'], hosts: ['ab', 'cd'], code: ['abcde'] })).toEqual({
      ok: true,
      values: { count: 42, force: true, tags: { Env: 'prod' }, rules: [{ port: 22 }], level: 'debug', hosts: ['ab', 'cd'], code: 'abcde' },
    });
  });

  it('gives each caller its own copy of a default', () => {
    const first = resolveParameterValues(TYPED, {});
    if (!first.ok) throw new Error('expected defaults');
    (first.values.hosts as string[]).push('changed');
    expect(resolveParameterValues(TYPED, {})).toMatchObject({ ok: true, values: { hosts: ['a'] } });
  });

  it('takes an empty list for a single-valued parameter as not given', () => {
    expect(resolveParameterValues(RUN_SHELL_SCRIPT, { commands: ['ls'], workingDirectory: [] })).toMatchObject({ ok: true, values: { workingDirectory: '' } });
  });

  it.each<{ name: string; definitions: ParameterDefinition[]; given: Record<string, string[]> | undefined; issues: string[] }>([
    { name: 'no values at all', definitions: RUN_SHELL_SCRIPT, given: undefined, issues: ['Parameters.commands: a value is required (the parameter has no default)'] },
    { name: 'an empty list below minItems', definitions: RUN_SHELL_SCRIPT, given: { commands: [] }, issues: ['Parameters.commands: expected at least 1 value'] },
    {
      name: 'unknown names',
      definitions: RUN_SHELL_SCRIPT,
      given: { commands: ['true'], nope: ['x'] },
      issues: ["Parameters.nope: the document has no parameter 'nope' (it has commands, workingDirectory, executionTimeout)"],
    },
    { name: 'a name on a document without parameters', definitions: [], given: { x: ['1'] }, issues: ["Parameters.x: the document has no parameter 'x' (it has none)"] },
    {
      name: 'a timeout outside the allowed pattern (matched whole)',
      definitions: RUN_SHELL_SCRIPT,
      given: { commands: ['true'], executionTimeout: ['172801'] },
      issues: ["Parameters.executionTimeout: '172801' does not match the allowed pattern ([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)"],
    },
    { name: 'two values for a String', definitions: RUN_SHELL_SCRIPT, given: { commands: ['true'], workingDirectory: ['/a', '/b'] }, issues: ['Parameters.workingDirectory: expected one value, not 2'] },
    {
      name: 'badly typed values',
      definitions: TYPED,
      given: { count: ['1.5'], force: ['yes'], tags: ['[1]'], rules: ['{"a": 1}'] },
      issues: [
        "Parameters.count: '1.5' is not an integer",
        "Parameters.force: expected true or false, not 'yes'",
        'Parameters.tags: expected a JSON object like {"key": "value"}',
        'Parameters.rules: expected a JSON list of objects like [{"key": "value"}]',
      ],
    },
    {
      name: 'values breaking allowedValues, pattern, chars and items',
      definitions: TYPED,
      given: { level: ['trace'], hosts: ['ok', 'B', 'cc'], code: ['ab'] },
      issues: [
        "Parameters.level: 'trace' is not one of the allowed values: debug, info",
        "Parameters.hosts: 'B' does not match the allowed pattern [a-z]+",
        "Parameters.hosts: 'B' is too short (at least 2 characters)",
        'Parameters.hosts: expected at most 2 values',
        "Parameters.code: 'ab' is too short (at least 3 characters)",
      ],
    },
    { name: 'a value too long', definitions: TYPED, given: { code: ['abcdef'] }, issues: ["Parameters.code: 'abcdef' is too long (at most 5 characters)"] },
  ])('reports $name', ({ definitions, given, issues: expected }) => {
    expect(issues(definitions, given)).toEqual(expected);
  });

  it('accepts every timeout AWS-RunShellScript allows and nothing else', () => {
    for (const good of ['1', '600', '99999', '100000', '171999', '172799', '172800']) expect(issues(RUN_SHELL_SCRIPT, { commands: ['x'], executionTimeout: [good] })).toEqual([]);
    for (const bad of ['0', '01', '172801', '999999', '60s', '']) expect(issues(RUN_SHELL_SCRIPT, { commands: ['x'], executionTimeout: [bad] })).toHaveLength(1);
  });

  it('prefixes issue paths for nested documents', () => {
    const resolved = resolveParameterValues(RUN_SHELL_SCRIPT, {}, { path: 'mainSteps[0].inputs.documentParameters' });
    expect(resolved.ok ? [] : resolved.issues.map(formatIssue)).toEqual(['mainSteps[0].inputs.documentParameters.commands: a value is required (the parameter has no default)']);
  });

  it('cuts long values short in messages', () => {
    const [issue] = issues([{ name: 'id', type: 'String', allowedValues: ['a'] }], { id: ['x'.repeat(500)] });
    expect(issue).toBe(`Parameters.id: '${'x'.repeat(57)}...' is not one of the allowed values: a`);
  });
});

describe('findReferences', () => {
  it('finds parameter and Parameter Store references, whitespace optional', () => {
    expect(findReferences('a {{name}} b {{ ssm:/app/db/host }} c {{ssm-secure:token}} {{ spaced }}').map(({ kind, name }) => [kind, name])).toEqual([
      ['parameter', 'name'],
      ['ssm', '/app/db/host'],
      ['ssm-secure', 'token'],
      ['parameter', 'spaced'],
    ]);
  });

  it('tells a string that is one whole reference', () => {
    expect(wholeReference('{{ commands }}')).toMatchObject({ kind: 'parameter', name: 'commands' });
    expect(wholeReference(' {{ commands }}')).toBeUndefined();
    expect(wholeReference('{{ a }}{{ b }}')).toBeUndefined();
  });
});
