import { describe, expect, it, vi } from 'vitest';
import { dryRunRunbook, type DryRunIssue } from './dry-run';

function yaml(content: string, parameters: Record<string, string[]> = {}, check?: (kind: 'ssm' | 'ssm-secure', name: string) => Promise<boolean>) {
  return dryRunRunbook({ content, documentFormat: 'YAML', parameters }, check);
}

/** `path: message (severity)`, the way the tests compare issues. */
function lines(issues: DryRunIssue[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message} (${issue.severity})`);
}

const GOOD = `
description: Restart the web tier, node by node
schemaVersion: '0.3'
parameters:
  Mode:
    type: String
    allowedValues: [fast, careful]
    default: careful
  Nodes:
    type: StringList
  Threshold:
    type: Integer
    default: 2
outputs:
  - summarize.Count
mainSteps:
  - name: lookUp
    action: aws:executeAwsApi
    inputs:
      Service: ssm
      Api: GetParameter
      Name: /web/restart-command
    outputs:
      - Name: Command
        Selector: $.Parameter.Value
        Type: String
  - name: choose
    action: aws:branch
    inputs:
      Choices:
        - NextStep: eachNode
          Variable: "{{ Mode }}"
          StringEquals: fast
      Default: approve
  - name: approve
    action: aws:approve
    inputs:
      Approvers: [admin]
      Message: "Restart {{ Nodes }} in {{ global:REGION }}? ({{ automation:EXECUTION_ID }})"
  - name: eachNode
    action: aws:loop
    inputs:
      Iterators: "{{ Nodes }}"
      Steps:
        - name: restart
          action: aws:runCommand
          inputs:
            DocumentName: AWS-RunShellScript
            InstanceIds: ["{{ eachNode.CurrentIteratorValue }}"]
            Parameters:
              commands: ["{{ lookUp.Command }}"]
        - name: pause
          action: aws:sleep
          inputs:
            Duration: PT5S
  - name: summarize
    action: aws:executeScript
    inputs:
      Runtime: python3.11
      Handler: script_handler
      Script: |
        def script_handler(events, context):
            return {"count": events["threshold"]}
      InputPayload:
        threshold: "{{ Threshold }}"
        command: "{{ lookUp.Command }}"
    outputs:
      - Name: Count
        Selector: $.Payload.count
        Type: Integer
`;

describe('dryRunRunbook', () => {
  it('passes a good runbook and lists its steps', async () => {
    expect(await yaml(GOOD, { Nodes: ['mi-1', 'mi-2'] })).toEqual({
      ok: true,
      issues: [],
      steps: [
        { name: 'lookUp', action: 'aws:executeAwsApi', isReachable: true },
        { name: 'choose', action: 'aws:branch', isReachable: true },
        { name: 'approve', action: 'aws:approve', isReachable: true },
        { name: 'eachNode', action: 'aws:loop', isReachable: true },
        { name: 'restart', action: 'aws:runCommand', isReachable: true },
        { name: 'pause', action: 'aws:sleep', isReachable: true },
        { name: 'summarize', action: 'aws:executeScript', isReachable: true },
      ],
    });
  });

  it('checks the parameters the run would get', async () => {
    const result = await yaml(GOOD, { Mode: ['slow'], Threshold: ['two'] });
    expect(result.ok).toBe(false);
    expect(lines(result.issues)).toEqual([
      "Parameters.Mode: 'slow' is not one of the allowed values: fast, careful (error)",
      'Parameters.Nodes: a value is required (the parameter has no default) (error)',
      "Parameters.Threshold: 'two' is not an integer (error)",
    ]);
  });

  it('reports syntax errors with their position and nothing else', async () => {
    const result = await yaml(`schemaVersion: '0.3'\nmainSteps:\n  - name: a\n   action: aws:sleep\n`);
    expect(result.ok).toBe(false);
    expect(result.steps).toEqual([]);
    expect(result.issues[0]).toMatchObject({ path: '', severity: 'error', line: 4, message: expect.stringMatching(/^YAML syntax error/) });
  });

  it('passes on the document validator’s findings with their lines, and keeps checking', async () => {
    const result = await yaml(`schemaVersion: '0.2'
mainSteps:
  - name: a
    action: aws:sleep
    inputs:
      Duration: PT1S
      Seconds: 5
    maxAttempts: 0
`);
    expect(result.issues).toEqual([
      { path: 'schemaVersion', message: "'0.2' is not supported; Automation documents use schema version 0.3", severity: 'error', line: 1, column: 1 },
      { path: 'mainSteps[0].maxAttempts', message: 'expected a whole number, 1 or more', severity: 'error', line: 8, column: 5 },
      { path: 'mainSteps[0].inputs.Seconds', message: 'unknown input; aws:sleep takes Duration, Timestamp', severity: 'error', line: 7, column: 7 },
    ]);
  });

  it('finds references to nothing, with where they are', async () => {
    const result = await yaml(`schemaVersion: '0.3'
parameters:
  Target: { type: String, default: web }
mainSteps:
  - name: first
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      Comment: "{{ Targets }} {{ global:TIME }} {{ nowhere.Out }}"
      Parameters:
        commands: ["echo {{ first.Nope }} {{ sleepy.Anything }}"]
  - name: sleepy
    action: aws:sleep
    inputs: { Duration: PT1S }
`);
    expect(lines(result.issues)).toEqual([
      'mainSteps[0].inputs.Comment: {{ Targets }} refers to no parameter, variable or step output; the runbook declares Target (error)',
      'mainSteps[0].inputs.Comment: {{ global:TIME }} is not an Automation variable; there are automation:EXECUTION_ID, automation:DOCUMENT_NAME, global:DATE, global:DATE_TIME, global:REGION, global:ACCOUNT_ID, global:AWS_PARTITION (error)',
      "mainSteps[0].inputs.Comment: {{ nowhere.Out }} refers to no parameter, variable or step output: no step is named 'nowhere' (error)",
      "mainSteps[0].inputs.Parameters.commands[0]: {{ first.Nope }}: step 'first' has no output 'Nope' (it has CommandId, Status, Output, ResponseCode) (error)",
      "mainSteps[0].inputs.Parameters.commands[0]: {{ sleepy.Anything }}: step 'sleepy' has no output 'Anything' (it declares no outputs) (error)",
    ]);
    expect(result.issues[0]).toMatchObject({ line: 9, column: 7 });
  });

  it('warns when a referenced step may not have run yet', async () => {
    const result = await yaml(`schemaVersion: '0.3'
mainSteps:
  - name: early
    action: aws:sleep
    inputs: { Duration: "{{ late.Count }}" }
  - name: choose
    action: aws:branch
    inputs:
      Choices:
        - NextStep: sometimes
          Variable: "{{ early.CommandId }}"
          StringEquals: x
      Default: joined
  - name: sometimes
    action: aws:runCommand
    inputs: { DocumentName: AWS-RunShellScript }
    onFailure: step:recover
    nextStep: joined
  - name: joined
    action: aws:sleep
    inputs: { Duration: "{{ sometimes.Status }}" }
    isEnd: true
  - name: recover
    action: aws:sleep
    inputs: { Duration: "{{ sometimes.Output }}" }
    nextStep: late
  - name: late
    action: aws:executeScript
    inputs: { Runtime: nodejs20.x, Handler: handler, Script: "exports.handler = () => ({ n: 1 })", InputPayload: { me: "{{ late.Count }}" } }
    outputs: [{ Name: Count, Selector: $.Payload.n, Type: Integer }]
`);
    expect(lines(result.issues)).toEqual([
      "mainSteps[0].inputs.Duration: {{ late.Count }}: step 'late' never runs before 'early' (warning)",
      "mainSteps[1].inputs.Choices[0].Variable: {{ early.CommandId }}: step 'early' has no output 'CommandId' (it declares no outputs) (error)",
      "mainSteps[3].inputs.Duration: {{ sometimes.Status }}: step 'sometimes' may not have run when 'joined' starts: not every way to 'joined' passes through it (warning)",
      "mainSteps[4].inputs.Duration: {{ sometimes.Output }}: 'recover' runs only after step 'sometimes' failed or was cancelled, when its outputs are not set (warning)",
      "mainSteps[5].inputs.InputPayload.me: {{ late.Count }}: step 'late' refers to its own output, which is not set until it has run (warning)",
    ]);
    expect(result.ok).toBe(false);
  });

  it('lets a do-while loop’s outputs be used after it, and its LoopCondition read its body', async () => {
    const result = await yaml(`schemaVersion: '0.3'
mainSteps:
  - name: retry
    action: aws:loop
    inputs:
      MaxIterations: 3
      LoopCondition:
        Variable: "{{ attempt.ShouldRetry }}"
        BooleanEquals: true
      Steps:
        - name: attempt
          action: aws:executeScript
          inputs: { Runtime: python3, Handler: handler, Script: "def handler(e, c): return {'retry': False}" }
          outputs: [{ Name: ShouldRetry, Selector: $.Payload.retry, Type: Boolean }]
  - name: after
    action: aws:sleep
    inputs: { Duration: "{{ attempt.ShouldRetry }}" }
`);
    expect(result).toMatchObject({ ok: true, issues: [] });
  });

  it('warns that a for-each loop’s body may not have run after it', async () => {
    const result = await yaml(`schemaVersion: '0.3'
mainSteps:
  - name: each
    action: aws:loop
    inputs:
      Iterators: [a, b]
      Steps:
        - name: inner
          action: aws:executeScript
          inputs: { Runtime: python3, Handler: handler, Script: "def handler(e, c): return 1" }
          outputs: [{ Name: Value, Selector: $.Payload, Type: Integer }]
  - name: after
    action: aws:sleep
    inputs: { Duration: "{{ inner.Value }}" }
`);
    expect(lines(result.issues)).toEqual(["mainSteps[1].inputs.Duration: {{ inner.Value }}: step 'inner' may not have run when 'after' starts: not every way to 'after' passes through it (warning)"]);
    expect(result.ok).toBe(true);
  });

  it('checks Parameter Store references once each, through the callback', async () => {
    const content = `schemaVersion: '0.3'
mainSteps:
  - name: run
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      Comment: "{{ssm:/app/present}} {{ ssm:/app/missing }} {{ssm-secure:/app/token}}"
      Parameters: { commands: ["echo {{ssm:/app/missing}}"] }
`;
    const check = vi.fn(async (_kind: 'ssm' | 'ssm-secure', name: string) => name !== '/app/missing');
    const result = await yaml(content, {}, check);
    expect(lines(result.issues)).toEqual([
      'mainSteps[0].inputs.Comment: parameter /app/missing does not exist in Parameter Store (error)',
      'mainSteps[0].inputs.Parameters.commands[0]: parameter /app/missing does not exist in Parameter Store (error)',
    ]);
    expect(check.mock.calls).toEqual([
      ['ssm', '/app/present'],
      ['ssm', '/app/missing'],
      ['ssm-secure', '/app/token'],
    ]);
    expect(await yaml(content)).toMatchObject({ ok: true, issues: [] });
    const failing = await yaml(content, {}, async () => {
      throw new Error('database unavailable');
    });
    expect(failing.issues[0]).toMatchObject({ severity: 'warning', message: 'parameter /app/present could not be checked in Parameter Store: database unavailable' });
  });

  it('checks actions and their inputs', async () => {
    const result = await yaml(`schemaVersion: '0.3'
parameters:
  Doc: { type: String, default: "" }
mainSteps:
  - name: lambda
    action: aws:invokeLambdaFunction
    inputs: { FunctionName: f }
  - name: run
    action: aws:runCommand
    inputs: { InstanceIds: [mi-1] }
  - name: runParameter
    action: aws:runCommand
    inputs: { DocumentName: "{{ Doc }}" }
  - name: approve
    action: aws:approve
    inputs: { Approvers: [], Color: blue }
  - name: pause
    action: aws:pause
    inputs: { Message: hi }
  - name: script
    action: aws:executeScript
    inputs: { Runtime: ruby3.2, Handler: "main()", Script: "puts 1" }
    outputs: [{ Name: x, Selector: "Payload.x", Type: String }]
`);
    expect(lines(result.issues)).toEqual([
      "mainSteps[0].action: 'aws:invokeLambdaFunction' is not supported by Opsdeck; use one of aws:runCommand, aws:executeAwsApi, aws:waitForAwsResourceProperty, aws:assertAwsResourceProperty, aws:executeScript, aws:sleep, aws:pause, aws:approve, aws:branch, aws:loop, aws:executeAutomation (error)",
      'mainSteps[1].inputs.DocumentName: required by aws:runCommand (error)',
      'mainSteps[2].inputs.DocumentName: must not be empty (aws:runCommand needs it), but {{ Doc }} is empty with these parameters (error)',
      'mainSteps[3].inputs.Color: unknown input; aws:approve takes Approvers, MinRequiredApprovals, Message, NotificationArn (error)',
      'mainSteps[3].inputs.Approvers: must not be empty (aws:approve needs it) (error)',
      'mainSteps[4].inputs.Message: unknown input; aws:pause takes no inputs (error)',
      'mainSteps[5].outputs[0].Selector: selector "Payload.x" is not a JSONPath; it starts with $, like $.Payload.value (error)',
      "mainSteps[5].inputs.Runtime: 'ruby3.2' is not supported; use nodejs20.x, nodejs20, python3.8, python3.9, python3.10, python3.11, python3 (error)",
      "mainSteps[5].inputs.Handler: 'main()' is not a function name (error)",
    ]);
    expect(result.issues[1]).toMatchObject({ line: 10, column: 5 });
  });

  it('finds branches to nowhere and malformed choices, with their lines', async () => {
    const result = await yaml(`schemaVersion: '0.3'
mainSteps:
  - name: choose
    action: aws:branch
    inputs:
      Choices:
        - NextStep: fast
          Variable: "{{ choose2.Output }}"
          StringEquals: x
        - NextStep: slow
          Variable: x
        - NextStep: nowhere
          Variable: "{{ automation:EXECUTION_ID }}"
          NumericGreater: many
      Default: alsoNowhere
  - name: fast
    action: aws:sleep
    inputs: { Duration: PT1S }
`);
    expect(result.issues.map((issue) => `${issue.path}@${issue.line}:${issue.column}`)).toEqual([
      'mainSteps[0].inputs.Choices[1]@10:11',
      'mainSteps[0].inputs.Choices[2].NumericGreater@14:11',
      'mainSteps[0].inputs.Choices[1].NextStep@10:11',
      'mainSteps[0].inputs.Choices[2].NextStep@12:11',
      'mainSteps[0].inputs.Default@15:7',
      'mainSteps[0].inputs.Choices[0].Variable@8:11',
    ]);
    expect(lines(result.issues)).toContain("mainSteps[0].inputs.Choices[1].NextStep: 'slow' names no step of this runbook (error)");
    expect(lines(result.issues)).toContain('mainSteps[0].inputs.Choices[2].NumericGreater: expected a number to compare with (error)');
  });

  it('checks a loop’s inner steps like any other', async () => {
    const result = await yaml(`schemaVersion: '0.3'
mainSteps:
  - name: each
    action: aws:loop
    inputs:
      Iterators: [a]
      LoopCondition: { Variable: x, Equals: y }
      MaxIterations: 500
      Steps:
        - name: each
          action: aws:lambda
        - name: inner
          action: aws:sleep
          inputs: { Duration: PT1S }
          nextStep: missing
          onFailure: step:gone
          outputs: [{ Selector: $.x }]
`);
    expect(lines(result.issues)).toEqual([
      "mainSteps[0].inputs: give Iterators (for each) or LoopCondition (do while), not both (error)",
      "mainSteps[0].inputs.LoopCondition: unknown property 'Equals'; a condition has Variable, StringEquals, EqualsIgnoreCase, StartsWith, EndsWith, Contains, NumericEquals, NumericGreater, NumericLesser, NumericGreaterOrEquals, NumericLesserOrEquals, BooleanEquals, And, Or, Not (error)",
      'mainSteps[0].inputs.LoopCondition: a condition needs exactly one operator (StringEquals, EqualsIgnoreCase, StartsWith, EndsWith, Contains, NumericEquals, NumericGreater, NumericLesser, NumericGreaterOrEquals, NumericLesserOrEquals, BooleanEquals, And, Or, Not); it has none (error)',
      'mainSteps[0].inputs.MaxIterations: expected a whole number from 1 to 100 (error)',
      "mainSteps[0].inputs.Steps[0].name: 'each' is already the name of mainSteps[0]; step names are unique (error)",
      "mainSteps[0].inputs.Steps[0].action: 'aws:lambda' is not supported by Opsdeck; use one of aws:runCommand, aws:executeAwsApi, aws:waitForAwsResourceProperty, aws:assertAwsResourceProperty, aws:executeScript, aws:sleep, aws:pause, aws:approve, aws:branch, aws:loop, aws:executeAutomation (error)",
      "mainSteps[0].inputs.Steps[1].nextStep: 'missing' names no step of this runbook (error)",
      "mainSteps[0].inputs.Steps[1].onFailure: 'gone' names no step of this runbook (error)",
      'mainSteps[0].inputs.Steps[1].outputs[0].Name: required; a string (error)',
    ]);
  });

  it('warns about steps nothing leads to', async () => {
    const result = await yaml(`schemaVersion: '0.3'
outputs: [work.Nope, nothing]
mainSteps:
  - name: work
    action: aws:sleep
    inputs: { Duration: PT1S }
    isEnd: true
  - name: cleanup
    action: aws:sleep
    inputs: { Duration: "{{ work.Anything }} {{ orphanLoop.CurrentIteration }}" }
  - name: orphanLoop
    action: aws:loop
    inputs:
      Iterators: [a]
      Steps:
        - name: insideOrphan
          action: aws:pause
`);
    expect(lines(result.issues)).toEqual([
      "mainSteps[1].inputs.Duration: {{ work.Anything }}: step 'work' has no output 'Anything' (it declares no outputs) (error)",
      "outputs[0]: step 'work' has no output 'Nope' (it declares no outputs) (error)",
      "outputs[1]: 'nothing' names no step output; write it as stepName.OutputName (error)",
      "mainSteps[1]: step 'cleanup' can never run: no step leads to it (warning)",
      "mainSteps[2]: step 'orphanLoop' can never run: no step leads to it (warning)",
    ]);
    expect(result.steps.map((step) => [step.name, step.isReachable])).toEqual([
      ['work', true],
      ['cleanup', false],
      ['orphanLoop', false],
      ['insideOrphan', false],
    ]);
    expect(result.issues.find((issue) => issue.path === 'mainSteps[1]')).toMatchObject({ line: 8, column: 5 });
  });

  it('reads JSON runbooks with positions too', async () => {
    const content = JSON.stringify(
      {
        schemaVersion: '0.3',
        mainSteps: [
          { name: 'a', action: 'aws:sleep', inputs: { Duration: 'PT1S' } },
          { name: 'b', action: 'aws:sleep', inputs: { Duration: '{{ Missing }}' } },
        ],
      },
      null,
      2,
    );
    const result = await dryRunRunbook({ content, documentFormat: 'JSON', parameters: {} });
    expect(result.issues).toEqual([
      { path: 'mainSteps[1].inputs.Duration', message: '{{ Missing }} refers to no parameter, variable or step output; the runbook declares no parameters', severity: 'error', line: 15, column: 9 },
    ]);
  });

  it.each([
    ['an empty mapping', '{}'],
    ['a list', '- a\n- b'],
    ['steps that are not objects', "schemaVersion: '0.3'\nmainSteps: [a, 3, null]"],
    ['a step with nothing in it', "schemaVersion: '0.3'\nmainSteps: [{}]"],
  ])('reports, without throwing, on %s', async (_what, content) => {
    const result = await yaml(content);
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
  });
});
