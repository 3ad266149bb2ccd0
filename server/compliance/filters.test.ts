import { describe, expect, it } from 'vitest';
import { filterConditions, filterProblem, severityOfRank, SEVERITY_RANK } from './filters';

describe('compliance filters', () => {
  it('ranks severities so CRITICAL is worst and maps ranks back', () => {
    expect(SEVERITY_RANK.CRITICAL).toBeGreaterThan(SEVERITY_RANK.HIGH);
    expect(SEVERITY_RANK.INFORMATIONAL).toBeGreaterThan(SEVERITY_RANK.UNSPECIFIED);
    expect(severityOfRank(SEVERITY_RANK.MEDIUM)).toBe('MEDIUM');
  });

  it('names what is wrong with a filter', () => {
    expect(filterProblem({ key: 'Severity', values: ['SEVERE'] }, 'severity')).toContain("'SEVERE' is not a severity");
    expect(filterProblem({ key: 'Severity', values: ['HIGH'], type: 'BEGIN_WITH' }, 'severity')).toContain('not BEGIN_WITH');
    expect(filterProblem({ key: 'Status', values: ['COMPLIANT'], type: 'LESS_THAN' }, 'status')).toContain('EQUAL or NOT_EQUAL');
    expect(filterProblem({ key: 'Status', values: ['OK'] }, 'status')).toContain("'OK' is not a status");
    expect(filterProblem({ key: 'Id', values: ['a', 'b'], type: 'GREATER_THAN' }, 'text')).toContain('exactly one value');
    expect(filterProblem({ key: 'Severity', values: ['HIGH'], type: 'LESS_THAN' }, 'severity')).toBeUndefined();
    expect(filterProblem({ key: 'Id', values: ['KB', 'CVE'], type: 'BEGIN_WITH' }, 'text')).toBeUndefined();
  });

  it('refuses a key the operation does not filter on, listing those it does', () => {
    expect(() => filterConditions([{ key: 'Colour', values: ['red'] }], { Status: { kind: 'status', column: {} as never } })).toThrow('the filter key Colour is not supported here; use one of Status');
  });
});
