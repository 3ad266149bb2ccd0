import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { branchInputIssues, chooseNextStep, conditionIssues, describeCondition, evaluateCondition } from './conditions';

/** One choice per operator, as substituted inputs: `{ Variable, <operator>: operand, NextStep: 'hit' }`. */
function decide(operator: string, variable: unknown, operand: unknown): string | undefined {
  return chooseNextStep({ Choices: [{ NextStep: 'hit', Variable: variable, [operator]: operand }], Default: 'miss' }).nextStep;
}

describe('chooseNextStep', () => {
  it('takes the first matching choice, in order', () => {
    const inputs = parse(`
Choices:
  - NextStep: runWindows
    Variable: linux
    StringEquals: windows
  - NextStep: runLinux
    Variable: linux
    StringEquals: linux
  - NextStep: alsoLinux
    Variable: linux
    StartsWith: lin
Default: sleep
`);
    expect(chooseNextStep(inputs)).toEqual({ nextStep: 'runLinux' });
  });

  it('falls back to Default, and says why there is none without it', () => {
    const choices = [
      { NextStep: 'fast', Variable: 'slow', StringEquals: 'fast' },
      { NextStep: 'big', Variable: 7, NumericGreater: 10 },
    ];
    expect(chooseNextStep({ Choices: choices, Default: 'otherwise' })).toEqual({ nextStep: 'otherwise' });
    expect(chooseNextStep({ Choices: choices })).toEqual({ nextStep: undefined, reason: 'no choice matched (slow = fast; 7 > 10) and there is no Default' });
  });

  it.each([
    ['StringEquals', 'fast', 'fast', true],
    ['StringEquals', 'Fast', 'fast', false],
    ['StringEquals', 5, '5', true],
    ['EqualsIgnoreCase', 'WINDOWS', 'windows', true],
    ['EqualsIgnoreCase', 'linux', 'windows', false],
    ['StartsWith', 'i-0abc', 'i-', true],
    ['StartsWith', 'mi-0abc', 'i-', false],
    ['EndsWith', 'backup.tar.gz', '.gz', true],
    ['EndsWith', 'backup.tar', '.gz', false],
    ['Contains', 'Amazon Linux 2023', 'Linux', true],
    ['Contains', 'Ubuntu', 'Linux', false],
    ['Contains', ['a', 'b'], 'b', true],
    ['Contains', ['a', 'bc'], 'b', false],
    ['Contains', [1, 2], '2', true],
    ['NumericEquals', 3, 3, true],
    ['NumericEquals', '3.0', 3, true],
    ['NumericEquals', 3, 4, false],
    ['NumericGreater', 11, 10, true],
    ['NumericGreater', 10, 10, false],
    ['NumericLesser', '-1', 0, true],
    ['NumericLesser', 0, 0, false],
    ['NumericGreaterOrEquals', 10, '10', true],
    ['NumericGreaterOrEquals', 9.5, 10, false],
    ['NumericLesserOrEquals', 10, 10, true],
    ['NumericLesserOrEquals', 11, 10, false],
    ['BooleanEquals', true, true, true],
    ['BooleanEquals', 'False', false, true],
    ['BooleanEquals', false, true, false],
  ])('%s: %j against %j is %s', (operator, variable, operand, matches) => {
    expect(decide(operator, variable, operand)).toBe(matches ? 'hit' : 'miss');
  });

  it('combines conditions with And, Or and Not, Not written as an object or a one-item list', () => {
    const inputs = parse(`
Choices:
  - NextStep: prodLinux
    And:
      - Variable: prod
        StringEquals: prod
      - Not:
          - Variable: windows
            StringEquals: windows
  - NextStep: anyWindows
    Or:
      - Variable: 3
        NumericGreater: 5
      - Not:
          Variable: windows
          StringEquals: linux
`);
    expect(chooseNextStep(inputs)).toEqual({ nextStep: 'anyWindows' });
    expect(evaluateCondition({ And: [{ Variable: 1, NumericEquals: 1 }, { Or: [{ Variable: 'a', StringEquals: 'b' }, { Variable: true, BooleanEquals: true }] }] })).toBe(true);
    expect(evaluateCondition({ Not: { And: [{ Variable: 1, NumericEquals: 1 }, { Variable: 2, NumericEquals: 3 }] } })).toBe(true);
  });

  it('stops at the first choice that matches, so later choices need not be evaluable', () => {
    expect(chooseNextStep({ Choices: [{ NextStep: 'a', Variable: 'x', StringEquals: 'x' }, { NextStep: 'b', Variable: 'abc', NumericGreater: 1 }] })).toEqual({ nextStep: 'a' });
    expect(evaluateCondition({ Or: [{ Variable: 'x', StringEquals: 'x' }, { Variable: 'abc', NumericGreater: 1 }] })).toBe(true);
  });

  it.each([
    [{ Variable: 'abc', NumericGreater: 1 }, 'Choices[0].Variable: NumericGreater compares numbers, but the variable is "abc"'],
    [{ Variable: ['1'], NumericEquals: 1 }, 'Choices[0].Variable: NumericEquals compares numbers, but the variable is a list'],
    [{ Variable: 'yes', BooleanEquals: true }, 'Choices[0].Variable: BooleanEquals compares true or false, but the variable is "yes"'],
    [{ Variable: { a: 1 }, StringEquals: 'a' }, 'Choices[0].Variable: StringEquals compares text, but the variable is an object'],
    [{ Variable: ['a'], StartsWith: 'a' }, 'Choices[0].Variable: StartsWith compares text, but the variable is a list'],
    [{ Variable: null, StringEquals: 'a' }, 'Choices[0].Variable: StringEquals compares text, but the variable is empty'],
    [{ And: [{ Variable: 'x', StringEquals: 'x' }, { Not: [{ Variable: 'n/a', NumericLesser: 2 }] }] }, 'Choices[0].And[1].Not[0].Variable: NumericLesser compares numbers, but the variable is "n/a"'],
  ])('refuses to compare values of the wrong kind: %j', (condition, message) => {
    expect(() => chooseNextStep({ Choices: [{ NextStep: 'next', ...condition }] })).toThrow(new Error(message));
  });

  it.each([
    [{ Default: 'x' }, 'Choices: required; a list of choices, each with NextStep and one operator'],
    [{ Choices: [] }, 'Choices: expected at least one choice'],
    [{ Choices: [{ NextStep: 'a', Variable: 'x', StringEquals: 'x' }], Default: 3 }, 'Default: expected the name of a step'],
    [{ Choices: ['x'] }, 'Choices[0]: expected a choice object like {"Variable": "{{ Mode }}", "StringEquals": "fast", "NextStep": "stepName"}'],
    [
      { Choices: [{ NextStep: 'a', Variable: 'x', StringEquals: 'x' }, { NextStep: 'b', Variable: 'x' }] },
      'Choices[1]: a choice needs NextStep and exactly one operator (StringEquals, EqualsIgnoreCase, StartsWith, EndsWith, Contains, NumericEquals, NumericGreater, NumericLesser, NumericGreaterOrEquals, NumericLesserOrEquals, BooleanEquals, And, Or, Not); it has none',
    ],
    [{ Choices: [{ NextStep: 'b', Variable: 'x', StringEquals: 'x', Contains: 'x' }] }, /^Choices\[0\]: a choice needs NextStep and exactly one operator \(.*\); it has StringEquals and Contains$/],
    [{ Choices: [{ Variable: 'x', StringEquals: 'x' }] }, 'Choices[0]: a choice needs NextStep and exactly one operator; it has no NextStep'],
    [{ Choices: [{ NextStep: 'a', StringEquals: 'x' }] }, 'Choices[0].Variable: required; the value StringEquals compares'],
    [{ Choices: [{ NextStep: 'a', Variable: 'x', Equals: 'x', StringEquals: 'x' }] }, /^Choices\[0\]: unknown property 'Equals'; a choice has NextStep, Variable, StringEquals, .*, Not$/],
    [{ Choices: [{ NextStep: 'a', Variable: 'x', NumericEquals: 'ten' }] }, 'Choices[0].NumericEquals: expected a number to compare with'],
    [{ Choices: [{ NextStep: 'a', Variable: 'x', BooleanEquals: 'yes' }] }, 'Choices[0].BooleanEquals: expected true or false'],
    [{ Choices: [{ NextStep: 'a', Variable: 'x', StringEquals: ['x'] }] }, 'Choices[0].StringEquals: expected text to compare with'],
    [{ Choices: [{ NextStep: 'a', And: { Variable: 'x', StringEquals: 'x' } }] }, 'Choices[0].And: expected a list of conditions for And'],
    [{ Choices: [{ NextStep: 'a', Or: [] }] }, 'Choices[0].Or: expected at least one condition for Or'],
    [{ Choices: [{ NextStep: 'a', Not: [{ Variable: 'x', StringEquals: 'x' }, { Variable: 'y', StringEquals: 'y' }] }] }, 'Choices[0].Not: expected one condition (an object, or a list of one)'],
    [{ Choices: [{ NextStep: 'a', Variable: 'x', And: [{ Variable: 'x', StringEquals: 'x' }] }] }, 'Choices[0].Variable: And combines conditions, each with its own Variable; it takes none itself'],
    [{ Choices: [{ NextStep: 'a', And: [{ Variable: 'x', StringEquals: 'x', NextStep: 'b' }] }] }, /^Choices\[0\]\.And\[0\]: unknown property 'NextStep'; a condition has Variable, .*; Choices\[0\]\.And\[0\]\.NextStep: only a top-level choice has NextStep; a nested condition has not$/],
    [{ Choices: [{ NextStep: 'a', Or: [{ Variable: 'x' }] }] }, /^Choices\[0\]\.Or\[0\]: a condition needs exactly one operator \(.*\); it has none$/],
    [{ Choices: [{ NextStep: '', Variable: 'x', StringEquals: 'x' }] }, 'Choices[0].NextStep: expected the name of a step'],
  ])('says exactly what is malformed: %j', (inputs, message) => {
    expect(() => chooseNextStep(inputs)).toThrow(message instanceof RegExp ? message : new Error(message));
  });

  it('rejects inputs that are not an object', () => {
    expect(() => chooseNextStep('Choices')).toThrow('expected the inputs object with Choices (and optionally Default)');
  });
});

describe('branchInputIssues', () => {
  it('lets references through before substitution, but still checks the shape', () => {
    const inputs = parse(`
Choices:
  - NextStep: big
    Variable: "{{ Count }}"
    NumericGreater: "{{ Threshold }}"
  - NextStep: yes
    Variable: "{{ Flag }}"
    BooleanEquals: "{{ Expected }}"
  - NextStep: odd
    Variable: "{{ Count }}"
    NumericGreater: lots
`);
    expect(branchInputIssues(inputs, { allowReferences: true })).toEqual([{ path: ['Choices', 2, 'NumericGreater'], message: 'expected a number to compare with' }]);
    expect(branchInputIssues(inputs)).toHaveLength(3);
  });
});

describe('conditionIssues', () => {
  it('checks a LoopCondition, which has no NextStep', () => {
    expect(conditionIssues({ Variable: '{{ step.Retry }}', BooleanEquals: true }, ['inputs', 'LoopCondition'])).toEqual([]);
    expect(conditionIssues({ Variable: 'x', BooleanEquals: true, NextStep: 'a' }, ['LoopCondition']).map((issue) => issue.path)).toContainEqual(['LoopCondition', 'NextStep']);
  });
});

describe('describeCondition', () => {
  it.each([
    [{ Variable: '{{ Mode }}', StringEquals: 'fast' }, '{{ Mode }} = fast'],
    [{ Variable: '{{ Os }}', EqualsIgnoreCase: 'linux' }, '{{ Os }} = linux (any case)'],
    [{ Variable: '{{ n }}', NumericGreaterOrEquals: 3 }, '{{ n }} >= 3'],
    [{ Variable: '{{ ok }}', BooleanEquals: true }, '{{ ok }} is true'],
    [{ Variable: '{{ ids }}', Contains: 'i-1' }, '{{ ids }} contains i-1'],
    [{ Not: [{ Variable: '{{ a }}', StartsWith: 'x' }] }, 'not ({{ a }} starts with x)'],
    [{ And: [{ Variable: 'a', StringEquals: 'b' }, { Or: [{ Variable: 'c', EndsWith: 'd' }, { Variable: 1, NumericLesser: 2 }] }] }, 'a = b and (c ends with d or 1 < 2)'],
    [{ Variable: 'x' }, '?'],
    ['half typed', '?'],
    [{ And: 'oops' }, '?'],
  ])('%j reads %s', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });
});
