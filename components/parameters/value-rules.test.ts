import { describe, expect, it } from 'vitest';
import { labelProblem, patternMatch, splitLabels, stringListItems, valueLimit } from './value-rules';
import { valueDiffLines } from './value-diff-lines';

describe('labels', () => {
  it('splits the labels box on commas and spaces', () => {
    expect(splitLabels(' prod, blue  green,,prod ')).toEqual(['prod', 'blue', 'green']);
  });

  it('says why AWS would refuse a label', () => {
    expect(labelProblem('prod-1.a_b')).toBeNull();
    expect(labelProblem('1st')).toBe('a label cannot begin with a number');
    expect(labelProblem('AWSome')).toBe('a label cannot begin with "aws" or "ssm"');
    expect(labelProblem('a/b')).toBe('a label has only letters, numbers and the symbols . - _');
    expect(labelProblem('x'.repeat(101))).toBe('a label has at most 100 characters');
  });
});

describe('values', () => {
  it('resolves Intelligent-Tiering the way the server will', () => {
    expect(valueLimit('x', 'Intelligent-Tiering', false)).toMatchObject({ tier: 'Standard', maxLength: 4096 });
    expect(valueLimit('x', 'Intelligent-Tiering', true)).toMatchObject({ tier: 'Advanced', maxLength: 8192 });
    expect(valueLimit('x', 'Intelligent-Tiering', false, 'Advanced')).toMatchObject({ tier: 'Advanced' });
  });

  it('matches AllowedPattern against the whole value', () => {
    expect(patternMatch('\\d+', '12a')).toEqual({ isMatch: false });
    expect(patternMatch('\\d+', '12')).toEqual({ isMatch: true });
    expect(patternMatch('(', '12')).toBeNull();
    expect(stringListItems('a,b')).toEqual(['a', 'b']);
  });

  it('diffs two values line by line, numbered as documents number theirs', () => {
    expect(valueDiffLines('host=a\nport=1', 'host=a\nport=2')).toEqual([
      { kind: 'same', text: 'host=a', oldNumber: 1, newNumber: 1 },
      { kind: 'removed', text: 'port=1', oldNumber: 2 },
      { kind: 'added', text: 'port=2', newNumber: 2 },
    ]);
  });
});
