import { describe, expect, it } from 'vitest';
import type { ParameterDefinition } from '@/components/run-command/parameter-fields';
import { emptyFormState, formStateOf, targetChoiceOf, toAssociationInput } from './form-state';

const commands: ParameterDefinition = { name: 'commands', type: 'StringList' } as ParameterDefinition;

describe('toAssociationInput', () => {
  it('builds a run-once association on chosen nodes', () => {
    const state = { ...emptyFormState(), target: { ...emptyFormState().target, nodeIds: ['mi-0123456789abcdef0'] } };
    const built = toAssociationInput(state, [commands], { commands: 'echo hello\n' });
    expect(built).toEqual({
      input: {
        documentName: 'AWS-RunShellScript',
        documentVersion: '$DEFAULT',
        parameters: { commands: ['echo hello'] },
        targets: [{ Key: 'InstanceIds', Values: ['mi-0123456789abcdef0'] }],
        applyOnlyAtCronInterval: false,
        maxConcurrency: '100%',
        maxErrors: '100%',
        complianceSeverity: 'UNSPECIFIED',
        calendarNames: [],
      },
    });
  });

  it('sends every node as InstanceIds=*, the cron expression with its options, and calendars', () => {
    const state = { ...emptyFormState(), scope: 'all' as const, scheduleMode: 'cron' as const, scheduleOffset: '2', applyOnlyAtCronInterval: true, calendarNames: 'freeze, weekends\nholidays', name: 'nightly' };
    const built = toAssociationInput(state, [], {});
    expect(built).toMatchObject({
      input: { name: 'nightly', targets: [{ Key: 'InstanceIds', Values: ['*'] }], scheduleExpression: 'cron(0 2 ? * SUN *)', scheduleOffset: 2, applyOnlyAtCronInterval: true, calendarNames: ['freeze', 'weekends', 'holidays'] },
    });
  });

  it('says what is missing', () => {
    expect(toAssociationInput(emptyFormState(), [], {})).toEqual({ error: 'Choose at least one node.' });
    expect(toAssociationInput({ ...emptyFormState(), scope: 'all', name: 'a b' }, [], {})).toMatchObject({ error: expect.stringContaining('association name') });
    expect(toAssociationInput({ ...emptyFormState(), scope: 'all', scheduleMode: 'rate', expressions: { rate: ' ', cron: '' } }, [], {})).toMatchObject({ error: expect.stringContaining('rate(30 minutes)') });
  });
});

describe('formStateOf', () => {
  it('prefills Edit from an association', () => {
    const state = formStateOf(
      {
        AssociationName: 'baseline',
        Name: 'AWS-RunShellScript',
        DocumentVersion: '$DEFAULT',
        Parameters: { commands: ['echo a', 'echo b'] },
        Targets: [{ Key: 'tag:Role', Values: ['web', 'api'] }],
        ScheduleExpression: 'rate(1 hour)',
        ApplyOnlyAtCronInterval: false,
        MaxConcurrency: '10',
        MaxErrors: '1',
        ComplianceSeverity: 'HIGH',
        CalendarNames: ['freeze'],
      },
      'Command',
    );
    expect(state).toMatchObject({ name: 'baseline', edited: { commands: 'echo a\necho b' }, scope: 'chosen', scheduleMode: 'rate', expressions: { rate: 'rate(1 hour)' }, complianceSeverity: 'HIGH', calendarNames: 'freeze' });
    expect(state.target.mode).toBe('tags');
    expect(state.target.tagRows.map((row) => [row.key, row.values])).toEqual([['Role', 'web, api']]);
  });

  it('keeps targets the pickers cannot show', () => {
    expect(targetChoiceOf([{ Key: 'tag-key', Values: ['Patch Group'] }])).toBeNull();
    const state = formStateOf({ Name: 'X', DocumentVersion: '1', Parameters: {}, Targets: [{ Key: 'tag-key', Values: ['Patch Group'] }], ApplyOnlyAtCronInterval: false, MaxConcurrency: '1', MaxErrors: '1', ComplianceSeverity: 'LOW', CalendarNames: [] }, 'Command');
    expect(state.scope).toBe('kept');
    expect(toAssociationInput(state, [], {})).toMatchObject({ input: { targets: [{ Key: 'tag-key', Values: ['Patch Group'] }] } });
  });
});
