import { describe, expect, it } from 'vitest';
import { failedStepName, prettyJson, rateControlSummary, waitingNote } from './execution-text';

describe('waitingNote', () => {
  const base = { StepStatus: 'Waiting' };
  it('links a running command and a child execution', () => {
    expect(waitingNote({ ...base, StepStatus: 'InProgress', Action: 'aws:runCommand', CommandId: '0b5e1c8a-1111-2222-3333-444455556666' })).toEqual({
      text: 'Waiting for command',
      href: '/run-command/0b5e1c8a-1111-2222-3333-444455556666',
      linkText: '0b5e1c8a',
    });
    expect(waitingNote({ ...base, Action: 'aws:executeAutomation', ChildExecutionId: 'c0ffee00-1111-2222-3333-444455556666' })?.href).toBe('/automation/c0ffee00-1111-2222-3333-444455556666');
  });

  it('says approval and Resume in words, and nothing once the step ended', () => {
    expect(waitingNote({ ...base, Action: 'aws:approve' })?.text).toBe('Waiting for approval');
    expect(waitingNote({ ...base, Action: 'aws:pause' })?.text).toBe('Paused: waiting for Resume');
    expect(waitingNote({ ...base, Action: 'aws:sleep', WaitingFor: 'the time 2030-01-01T00:00:00Z' })?.text).toBe('Waiting for the time 2030-01-01T00:00:00Z');
    expect(waitingNote({ StepStatus: 'Success', Action: 'aws:approve' })).toBeNull();
  });
});

describe('rateControlSummary', () => {
  it('names the parameter, the targets and how many values they resolved to', () => {
    expect(rateControlSummary({ TargetParameterName: 'InstanceId', Targets: [{ Key: 'tag:Role', Values: ['web', 'api'] }], ResolvedTargets: { ParameterValues: ['mi-1', 'mi-2', 'mi-3'], Truncated: false } })).toBe(
      'InstanceId over Role = web or api (3 values)',
    );
    expect(rateControlSummary({})).toBeNull();
  });
});

describe('failedStepName', () => {
  it('picks the first failed top-level step, not a loop iteration', () => {
    expect(
      failedStepName([
        { StepName: 'ok', StepStatus: 'Success' },
        { StepName: 'inner', StepStatus: 'Failed', ParentStepDetails: {} },
        { StepName: 'each', StepStatus: 'Failed' },
      ]),
    ).toBe('each');
  });
});

describe('prettyJson', () => {
  it('indents JSON and leaves other text alone', () => {
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson('not json')).toBe('not json');
  });
});
