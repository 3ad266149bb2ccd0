import { describe, expect, it } from 'vitest';
import { duration, firstLine, groupByOutput, groupTitle, targetsSummary } from './command-text';

const invocation = (id: string, Status: string, Output: string) => ({ InstanceId: id, Status, CommandPlugins: [{ Output }] });

describe('run command text', () => {
  it('summarises targets as the history table shows them', () => {
    expect(targetsSummary({ InstanceIds: ['mi-1', 'mi-2', 'mi-3', 'mi-4'], Targets: [] })).toBe('mi-1, mi-2 and 2 more');
    expect(targetsSummary({ InstanceIds: [], Targets: [{ Key: 'tag:Role', Values: ['web', 'api'] }, { Key: 'resource-groups:Name', Values: ['prod'] }] })).toBe('Role = web or api and resource group prod');
  });

  it('writes durations for people', () => {
    expect(duration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:04.240Z')).toBe('4.2 s');
    expect(duration('2026-01-01T00:00:00.000Z', '2026-01-01T00:03:05.000Z')).toBe('3 min 05 s');
    expect(duration(undefined, '2026-01-01T00:00:00.000Z')).toBe('—');
  });

  it('finds the first line worth showing, past AWS\'s error separator', () => {
    expect(firstLine('\n\n  ok  \nmore')).toBe('ok');
    expect(firstLine('\n----------ERROR-------\noops\n')).toBe('oops');
  });

  it('groups identical outputs per status, biggest group first', () => {
    const groups = groupByOutput([
      invocation('a', 'Success', 'ok\n'),
      invocation('b', 'Failed', 'ok\n'),
      invocation('c', 'Success', 'ok\n'),
      invocation('d', 'Success', `${'x'.repeat(2500)}tail-1`),
      invocation('e', 'Success', `${'x'.repeat(2500)}tail-2`),
    ]);
    expect(groups.map((group) => [group.status, group.invocations.map((item) => item.InstanceId)])).toEqual([
      ['Success', ['a', 'c']],
      ['Success', ['d', 'e']],
      ['Failed', ['b']],
    ]);
    expect(groupTitle(groups[0]!)).toBe('2 nodes: ok');
  });
});
