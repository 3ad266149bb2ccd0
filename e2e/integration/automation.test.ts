import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CreateDocumentCommand,
  DescribeAutomationExecutionsCommand,
  GetAutomationExecutionCommand,
  GetParameterCommand,
  ListCommandsCommand,
  PutParameterCommand,
  SendAutomationSignalCommand,
  StartAutomationExecutionCommand,
  StopAutomationExecutionCommand,
  type AutomationExecution,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { startFleet, type Fleet } from '../../bench/fleet/simulator';
import { awsCli, BOOTSTRAP_ENV, failure, signedSsmCall, ssmClient, type AwsCredentials } from '../support/aws';
import { ConsoleClient } from '../support/console-client';
import { waitFor } from '../support/processes';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

const TERMINAL = ['Success', 'Failed', 'TimedOut', 'Cancelled'];

describe('Automation with real agents and real parameters', () => {
  let server: TestServer;
  let admin: ConsoleClient;
  let ssm: SSMClient;
  let fleet: Fleet;
  let databaseUrl: string;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-automation-'));
  let documentCount = 0;

  async function createRunbook(content: string): Promise<string> {
    const name = `Test-Runbook-${++documentCount}-${Date.now()}`;
    await ssm.send(new CreateDocumentCommand({ Name: name, Content: content, DocumentType: 'Automation', DocumentFormat: 'YAML' }));
    return name;
  }

  async function start(documentName: string, parameters: Record<string, string[]> = {}, extra: Record<string, unknown> = {}): Promise<string> {
    const { AutomationExecutionId } = await ssm.send(new StartAutomationExecutionCommand({ DocumentName: documentName, Parameters: parameters, ...extra }));
    return AutomationExecutionId!;
  }

  async function execution(id: string, client = ssm): Promise<AutomationExecution> {
    return (await client.send(new GetAutomationExecutionCommand({ AutomationExecutionId: id }))).AutomationExecution!;
  }

  async function finished(id: string, timeoutMs = 60_000): Promise<AutomationExecution> {
    return waitFor(`execution ${id} to end`, async () => {
      const current = await execution(id);
      return TERMINAL.includes(current.AutomationExecutionStatus!) ? current : undefined;
    }, timeoutMs);
  }

  async function stepWaiting(id: string, stepName: string): Promise<AutomationExecution> {
    return waitFor(`step ${stepName} of ${id} to wait`, async () => {
      const current = await execution(id);
      return current.StepExecutions?.some((step) => step.StepName === stepName && step.StepStatus === 'Waiting') ? current : undefined;
    }, 30_000);
  }

  /** Opsdeck's own step members (Attempt, CommandId) are dropped by the SDK's parser: read the raw JSON. */
  async function rawStep(id: string, stepName: string): Promise<{ StepStatus: string; Attempt: number; CommandId?: string }> {
    const { body } = await signedSsmCall(server.url, 'GetAutomationExecution', { AutomationExecutionId: id });
    const steps = (body.AutomationExecution as { StepExecutions: { StepName: string; StepStatus: string; Attempt: number; CommandId?: string }[] }).StepExecutions;
    return steps.filter((candidate) => candidate.StepName === stepName).at(-1)!;
  }

  function step(result: AutomationExecution, name: string) {
    const found = result.StepExecutions!.filter((candidate) => candidate.StepName === name);
    expect(found.length, `step ${name} ran`).toBeGreaterThan(0);
    return found[found.length - 1]!;
  }

  async function userKeys(username: string): Promise<AwsCredentials> {
    expect((await admin.request('POST', '/api/iam/users', { username, password: 'approver-password-123' })).status).toBe(200);
    expect((await admin.request('POST', '/api/iam/attachments', { policyName: 'AdministratorAccess', principalType: 'user', principalName: username })).status).toBe(200);
    const { body } = await admin.request<{ accessKeyId: string; secretAccessKey: string }>('POST', `/api/iam/users/${username}/access-keys`);
    return { accessKeyId: body.accessKeyId, secretAccessKey: body.secretAccessKey };
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('postgresUrl'), 'automation');
    server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV });
    admin = await ConsoleClient.signIn(server.url);
    ssm = ssmClient(server.url);
    const activation = await admin.createActivation({ registrationLimit: 30 });
    fleet = await startFleet({ serverUrl: server.url, ...activation, count: 20, namePrefix: 'auto', tags: { Tier: 'app' }, stateRoot: path.join(scratch, 'fleet') });
    await fleet.online();
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('runs every kind of step on real agents and parameters, passing outputs along', async () => {
    const node = fleet.nodes[0]!.nodeId;
    await ssm.send(new PutParameterCommand({ Name: '/automation-test/greeting', Value: 'hello', Type: 'String', Overwrite: true }));
    const name = await createRunbook(`
schemaVersion: '0.3'
description: every action
parameters:
  InstanceId: { type: String }
  Items: { type: StringList, default: [alpha, beta] }
mainSteps:
  - name: online
    action: aws:assertAwsResourceProperty
    inputs:
      Service: ssm
      Api: DescribeInstanceInformation
      InstanceInformationFilterList: [{ key: InstanceIds, valueSet: ['{{ InstanceId }}'] }]
      PropertySelector: $.InstanceInformationList[0].PingStatus
      DesiredValues: [Online]
  - name: waitOnline
    action: aws:waitForAwsResourceProperty
    inputs:
      Service: ssm
      Api: DescribeInstanceInformation
      InstanceInformationFilterList: [{ key: InstanceIds, valueSet: ['{{ InstanceId }}'] }]
      PropertySelector: $.InstanceInformationList[0].PingStatus
      DesiredValues: [Online]
  - name: run
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds: ['{{ InstanceId }}']
      Parameters:
        commands: ['echo "{{ssm:/automation-test/greeting}} from $(hostname) run {{ automation:EXECUTION_ID }}"']
  - name: store
    action: aws:executeAwsApi
    inputs:
      Service: ssm
      Api: PutParameter
      Name: /automation-test/{{ automation:EXECUTION_ID }}
      Value: '{{ run.Output }}'
      Type: String
    outputs:
      - { Name: Version, Selector: $.Version, Type: Integer }
  - name: readBack
    action: aws:executeAwsApi
    inputs:
      Service: ssm
      Api: GetParameter
      Name: /automation-test/{{ automation:EXECUTION_ID }}
    outputs:
      - { Name: Value, Selector: $.Parameter.Value, Type: String }
  - name: countWords
    action: aws:executeScript
    inputs:
      Runtime: nodejs20.x
      Handler: handler
      Script: |
        function handler(events) { return { words: events.text.trim().split(/\\s+/).length, shout: events.text.toUpperCase() }; }
      InputPayload: { text: '{{ readBack.Value }}' }
    outputs:
      - { Name: Words, Selector: $.Payload.words, Type: Integer }
  - name: python
    action: aws:executeScript
    inputs:
      Runtime: python3.11
      Handler: script_handler
      Script: |
        def script_handler(events, context):
            return {"doubled": events["n"] * 2}
      InputPayload: { n: '{{ countWords.Words }}' }
    outputs:
      - { Name: Doubled, Selector: $.Payload.doubled, Type: Integer }
  - name: nap
    action: aws:sleep
    inputs: { Duration: PT1S }
  - name: choose
    action: aws:branch
    inputs:
      Choices:
        - { NextStep: many, Variable: '{{ python.Doubled }}', NumericGreater: 5 }
      Default: few
  - name: few
    action: aws:executeAwsApi
    inputs: { Service: ssm, Api: PutParameter, Name: '/automation-test/{{ automation:EXECUTION_ID }}-branch', Value: few, Type: String }
    isEnd: true
  - name: many
    action: aws:loop
    inputs:
      Iterators: '{{ Items }}'
      Steps:
        - name: echoItem
          action: aws:runCommand
          inputs:
            DocumentName: AWS-RunShellScript
            InstanceIds: ['{{ InstanceId }}']
            Parameters: { commands: ['echo item-{{ many.CurrentIteratorValue }}'] }
  - name: child
    action: aws:executeAutomation
    inputs:
      DocumentName: AWS-ChildRunbookPlaceholder
outputs: [run.Output, python.Doubled, child.Status]
`.replace('AWS-ChildRunbookPlaceholder', await createRunbook(`
schemaVersion: '0.3'
mainSteps:
  - name: only
    action: aws:sleep
    inputs: { Duration: PT1S }
`)));
    const id = await start(name, { InstanceId: [node] });
    const result = await finished(id);
    expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
    expect(step(result, 'run').Outputs!.Output![0]).toMatch(new RegExp(`^hello from .* run ${id}`));
    const stored = await ssm.send(new GetParameterCommand({ Name: `/automation-test/${id}` }));
    expect(stored.Parameter!.Value).toContain(`hello from`);
    expect(step(result, 'countWords').Outputs!.Words).toEqual(['5']);
    expect(step(result, 'python').Outputs!.Doubled).toEqual(['10']);
    expect(result.StepExecutions!.some((candidate) => candidate.StepName === 'few')).toBe(false);
    const loopItems = result.StepExecutions!.filter((candidate) => candidate.StepName === 'echoItem');
    expect(loopItems.map((candidate) => candidate.Outputs!.Output![0]!.trim())).toEqual(['item-alpha', 'item-beta']);
    expect(loopItems.map((candidate) => candidate.ParentStepDetails?.Iteration)).toEqual([1, 2]);
    expect(result.Outputs!['child.Status']).toEqual(['Success']);
    expect(result.Outputs!['python.Doubled']).toEqual(['10']);
    const children = await ssm.send(new DescribeAutomationExecutionsCommand({ Filters: [{ Key: 'ParentExecutionId', Values: [id] }] }));
    expect(children.AutomationExecutionMetadataList).toHaveLength(1);
  });

  it('loops while a condition holds, and a branch with no match and no Default goes on to the next step', async () => {
    const name = await createRunbook(`
schemaVersion: '0.3'
mainSteps:
  - name: countdown
    action: aws:loop
    inputs:
      MaxIterations: 10
      LoopCondition: { Variable: '{{ bump.N }}', NumericLesser: 3 }
      Steps:
        - name: bump
          action: aws:executeScript
          inputs:
            Runtime: nodejs20.x
            Handler: handler
            Script: 'function handler(e) { return { n: Number(e.i) }; }'
            InputPayload: { i: '{{ countdown.CurrentIteration }}' }
          outputs: [{ Name: N, Selector: $.Payload.n, Type: Integer }]
  - name: pick
    action: aws:branch
    inputs:
      Choices: [{ NextStep: unreachable, Variable: '{{ bump.N }}', NumericGreater: 100 }]
  - name: after
    action: aws:sleep
    inputs: { Duration: PT0S }
    isEnd: true
  - name: unreachable
    action: aws:sleep
    inputs: { Duration: PT0S }
outputs: [countdown.CurrentIteration]
`);
    const result = await finished(await start(name));
    expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
    expect(result.StepExecutions!.filter((candidate) => candidate.StepName === 'bump').map((candidate) => candidate.Outputs!.N![0])).toEqual(['1', '2', '3']);
    expect(result.Outputs!['countdown.CurrentIteration']).toEqual(['3']);
    expect(result.StepExecutions!.map((candidate) => candidate.StepName).slice(-2)).toEqual(['pick', 'after']);
  });

  it('follows onFailure: a step: handler, Continue on a non-critical step, retries, and Abort', async () => {
    const node = fleet.nodes[1]!.nodeId;
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  InstanceId: { type: String }
mainSteps:
  - name: flaky
    action: aws:executeScript
    maxAttempts: 3
    inputs:
      Runtime: python3.11
      Handler: handler
      Script: |
        import os
        def handler(events, context):
            raise RuntimeError("always broken")
    onFailure: Continue
    isCritical: false
  - name: breaks
    action: aws:runCommand
    inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ InstanceId }}'], Parameters: { commands: ['echo about to fail; exit 3'] } }
    onFailure: step:recover
  - name: skipped
    action: aws:sleep
    inputs: { Duration: PT1S }
  - name: recover
    action: aws:runCommand
    inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ InstanceId }}'], Parameters: { commands: ['echo recovered'] } }
`);
    const flakyId = await start(name, { InstanceId: [node] });
    const result = await finished(flakyId);
    // 'breaks' is critical: recovering from it still leaves the execution Failed, as in AWS.
    expect(result.AutomationExecutionStatus).toBe('Failed');
    expect(result.FailureMessage).toMatch(/Step breaks failed: command .* ended Failed/);
    expect(step(result, 'flaky').StepStatus).toBe('Failed');
    expect(step(result, 'flaky').FailureMessage).toContain('always broken');
    expect((await rawStep(flakyId, 'flaky')).Attempt).toBe(3);
    expect(result.StepExecutions!.map((candidate) => candidate.StepName)).toEqual(['flaky', 'breaks', 'recover']);
    expect(step(result, 'recover').Outputs!.Output![0]!.trim()).toBe('recovered');

    const aborting = await createRunbook(`
schemaVersion: '0.3'
mainSteps:
  - name: check
    action: aws:assertAwsResourceProperty
    inputs: { Service: ssm, Api: DescribeInstanceInformation, PropertySelector: '$.InstanceInformationList[0].PingStatus', DesiredValues: [Offline] }
  - name: never
    action: aws:sleep
    inputs: { Duration: PT1S }
`);
    const aborted = await finished(await start(aborting));
    expect(aborted.AutomationExecutionStatus).toBe('Failed');
    expect(aborted.FailureMessage).toContain("expected 'Offline'");
    expect(aborted.StepExecutions!.map((candidate) => candidate.StepName)).toEqual(['check']);
  });

  it('waits for two approvers, refuses others, and ends on a rejection', async () => {
    const alice = ssmClient(server.url, await userKeys('alice'));
    const bob = ssmClient(server.url, await userKeys('bob'));
    // bob approves as a member of a group named among the approvers.
    expect((await admin.request('POST', '/api/iam/groups', { name: 'dbas' })).status).toBe(200);
    expect((await admin.request('POST', '/api/iam/groups/dbas/members', { username: 'bob' })).status).toBe(200);
    const name = await createRunbook(`
schemaVersion: '0.3'
mainSteps:
  - name: approval
    action: aws:approve
    inputs: { Approvers: [alice, dbas], MinRequiredApprovals: 2, Message: 'Restart the database?' }
  - name: after
    action: aws:sleep
    inputs: { Duration: PT1S }
`);
    const id = await start(name);
    await stepWaiting(id, 'approval');
    expect((await execution(id)).AutomationExecutionStatus).toBe('Waiting');
    const notApprover = await failure(ssm.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Approve' })));
    expect(notApprover.name).toBe('AccessDeniedException');
    await alice.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Approve', Payload: { Comment: ['fine by me'] } }));
    const twice = await failure(alice.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Approve' })));
    expect(twice.message).toContain('already decided');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await execution(id)).AutomationExecutionStatus).toBe('Waiting');
    await bob.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Approve' }));
    const approved = await finished(id);
    expect(approved.AutomationExecutionStatus).toBe('Success');
    expect(step(approved, 'approval').Outputs!.ApprovalStatus).toEqual(['Approved']);

    const rejectedId = await start(name);
    await stepWaiting(rejectedId, 'approval');
    await bob.send(new SendAutomationSignalCommand({ AutomationExecutionId: rejectedId, SignalType: 'Reject', Payload: { Comment: ['not during business hours'] } }));
    const rejected = await finished(rejectedId);
    expect(rejected.AutomationExecutionStatus).toBe('Failed');
    expect(rejected.FailureMessage).toContain('rejected by bob: not during business hours');
  });

  it('pauses until Resume, and a stop cancels the running command', async () => {
    const node = fleet.nodes[2]!.nodeId;
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  InstanceId: { type: String }
mainSteps:
  - name: hold
    action: aws:pause
    inputs: {}
  - name: long
    action: aws:runCommand
    inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ InstanceId }}'], Parameters: { commands: ['sleep 300'] } }
`);
    const id = await start(name, { InstanceId: [node] });
    await stepWaiting(id, 'hold');
    const wrong = await failure(ssm.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Approve' })));
    expect(wrong.name).toBe('InvalidAutomationSignalException');
    await ssm.send(new SendAutomationSignalCommand({ AutomationExecutionId: id, SignalType: 'Resume' }));
    const running = await waitFor('the long command to be sent', async () => {
      const current = await execution(id);
      return current.StepExecutions?.find((candidate) => candidate.StepName === 'long' && candidate.StepStatus === 'InProgress') ? current : undefined;
    }, 30_000);
    expect(step(running, 'hold').StepStatus).toBe('Success');
    await ssm.send(new StopAutomationExecutionCommand({ AutomationExecutionId: id, Type: 'Cancel' }));
    const stopped = await finished(id);
    expect(stopped.AutomationExecutionStatus).toBe('Cancelled');
    expect(step(stopped, 'long').StepStatus).toBe('Cancelled');
    const commandId = (await rawStep(id, 'long')).CommandId;
    expect(commandId).toBeTruthy();
    await waitFor('the command to be cancelled', async () => {
      const { Commands } = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
      return Commands?.[0]?.Status === 'Cancelled';
    }, 30_000);
  });

  it('refuses bad starts with AWS error names and stores nothing', async () => {
    const before = (await ssm.send(new DescribeAutomationExecutionsCommand({}))).AutomationExecutionMetadataList!.length;
    expect((await failure(start('No-Such-Runbook'))).name).toBe('AutomationDefinitionNotFoundException');
    expect((await failure(start('AWS-RunShellScript'))).name).toBe('InvalidAutomationExecutionParametersException');
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  Count: { type: Integer }
mainSteps:
  - { name: s, action: aws:sleep, inputs: { Duration: PT1S } }
`);
    const wrongType = await failure(start(name, { Count: ['many'] }));
    expect(wrongType.name).toBe('InvalidAutomationExecutionParametersException');
    expect(wrongType.message).toContain('Count');
    expect((await failure(start(name, { Count: ['1'] }, { Targets: [{ Key: 'tag:Tier', Values: ['app'] }] }))).name).toBe('ValidationException');
    expect((await ssm.send(new DescribeAutomationExecutionsCommand({}))).AutomationExecutionMetadataList!.length).toBe(before);
  });

  it('works with the real AWS CLI, step by step in Interactive mode', async () => {
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  Who: { type: String, default: world }
mainSteps:
  - name: first
    action: aws:executeScript
    inputs: { Runtime: nodejs20.x, Handler: handler, Script: 'function handler(e) { return { greeting: "hello " + e.who }; }', InputPayload: { who: '{{ Who }}' } }
    outputs: [{ Name: Greeting, Selector: $.Payload.greeting, Type: String }]
  - name: second
    action: aws:sleep
    inputs: { Duration: PT1S }
outputs: [first.Greeting]
`);
    const started = await awsCli(server.url, ['start-automation-execution', '--document-name', name, '--parameters', 'Who=cli', '--mode', 'Interactive']);
    expect(started.code, started.stderr).toBe(0);
    const id = (started.json as { AutomationExecutionId: string }).AutomationExecutionId;
    await waitFor('the first step to wait for StartStep', async () => (await execution(id)).AutomationExecutionStatus === 'Waiting', 20_000);
    expect(step(await execution(id), 'first').StepStatus).toBe('Pending');
    const signal = await awsCli(server.url, ['send-automation-signal', '--automation-execution-id', id, '--signal-type', 'StartStep', '--payload', 'StepName=first']);
    expect(signal.code, signal.stderr).toBe(0);
    await waitFor('the second step to wait', async () => (await execution(id)).StepExecutions?.some((candidate) => candidate.StepName === 'second' && candidate.StepStatus === 'Pending'), 20_000);
    await awsCli(server.url, ['send-automation-signal', '--automation-execution-id', id, '--signal-type', 'StartStep', '--payload', 'StepName=second']);
    await finished(id);
    const got = await awsCli(server.url, ['get-automation-execution', '--automation-execution-id', id]);
    expect(got.code, got.stderr).toBe(0);
    const view = (got.json as { AutomationExecution: { AutomationExecutionStatus: string; Outputs: Record<string, string[]>; Mode: string } }).AutomationExecution;
    expect(view.AutomationExecutionStatus).toBe('Success');
    expect(view.Mode).toBe('Interactive');
    expect(view.Outputs['first.Greeting']).toEqual(['hello cli']);
    const steps = await awsCli(server.url, ['describe-automation-step-executions', '--automation-execution-id', id, '--reverse-order']);
    expect((steps.json as { StepExecutions: { StepName: string }[] }).StepExecutions.map((candidate) => candidate.StepName)).toEqual(['second', 'first']);
    const listed = await awsCli(server.url, ['describe-automation-executions', '--filters', `Key=DocumentNamePrefix,Values=${name}`]);
    expect((listed.json as { AutomationExecutionMetadataList: { AutomationExecutionId: string }[] }).AutomationExecutionMetadataList.map((item) => item.AutomationExecutionId)).toEqual([id]);
    const stopEnded = await awsCli(server.url, ['stop-automation-execution', '--automation-execution-id', id]);
    expect(stopEnded.code).not.toBe(0);
    expect(stopEnded.stderr).toContain('InvalidAutomationStatusUpdateException');
  });

  it('times a step out: the command is cancelled and the runbook ends TimedOut', async () => {
    const node = fleet.nodes[4]!.nodeId;
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  InstanceId: { type: String }
mainSteps:
  - name: tooSlow
    action: aws:runCommand
    timeoutSeconds: 3
    inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ InstanceId }}'], Parameters: { commands: ['sleep 120'] } }
`);
    const id = await start(name, { InstanceId: [node] });
    const result = await finished(id, 30_000);
    expect(result.AutomationExecutionStatus).toBe('TimedOut');
    expect(step(result, 'tooSlow').StepStatus).toBe('TimedOut');
    expect(result.FailureMessage).toContain('timeout of 3 seconds');
    const commandId = (await rawStep(id, 'tooSlow')).CommandId;
    await waitFor('the command to be cancelled', async () => (await ssm.send(new ListCommandsCommand({ CommandId: commandId }))).Commands?.[0]?.Status === 'Cancelled', 30_000);
  });

  it('runs one runbook over 20 nodes with MaxConcurrency 5, and stops launching past MaxErrors 2', async () => {
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  InstanceId: { type: String, allowedPattern: '^mi-[0-9a-f]{17}$' }
  FailOn: { type: String, default: none }
mainSteps:
  - name: work
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds: ['{{ InstanceId }}']
      Parameters: { commands: ['sleep 1; case "{{ InstanceId }}" in {{ FailOn }}) exit 1;; esac; echo ok'] }
`);
    const children = async (parentId: string) =>
      (await ssm.send(new DescribeAutomationExecutionsCommand({ Filters: [{ Key: 'ParentExecutionId', Values: [parentId] }], MaxResults: 50 }))).AutomationExecutionMetadataList!;
    const maxOverlap = (runs: { ExecutionStartTime?: Date; ExecutionEndTime?: Date }[]) => {
      const events = runs.flatMap((run) => [
        { at: run.ExecutionStartTime!.getTime(), delta: 1 },
        { at: run.ExecutionEndTime!.getTime(), delta: -1 },
      ]);
      events.sort((a, b) => a.at - b.at || a.delta - b.delta);
      let current = 0;
      let peak = 0;
      for (const event of events) peak = Math.max(peak, (current += event.delta));
      return peak;
    };

    const okId = await start(name, {}, { TargetParameterName: 'InstanceId', Targets: [{ Key: 'tag:Tier', Values: ['app'] }], MaxConcurrency: '5', MaxErrors: '2' });
    const ok = await finished(okId, 120_000);
    expect(ok.AutomationExecutionStatus, ok.FailureMessage).toBe('Success');
    expect(ok.ResolvedTargets!.ParameterValues).toHaveLength(20);
    const okChildren = await children(okId);
    expect(okChildren).toHaveLength(20);
    expect(okChildren.every((child) => child.AutomationExecutionStatus === 'Success')).toBe(true);
    expect(new Set(okChildren.map((child) => child.Target)).size).toBe(20);
    const peak = maxOverlap(okChildren);
    expect(peak).toBeLessThanOrEqual(5);
    expect(peak).toBeGreaterThanOrEqual(4);

    const sorted = [...ok.ResolvedTargets!.ParameterValues!];
    const failing = sorted.slice(0, 8);
    const badId = await start(name, { FailOn: [failing.join('|')] }, { TargetParameterName: 'InstanceId', Targets: [{ Key: 'tag:Tier', Values: ['app'] }], MaxConcurrency: '5', MaxErrors: '2' });
    const bad = await finished(badId, 120_000);
    expect(bad.AutomationExecutionStatus).toBe('Failed');
    const badChildren = await children(badId);
    const failed = badChildren.filter((child) => child.AutomationExecutionStatus === 'Failed');
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(badChildren.length).toBeLessThan(20);
    expect(bad.FailureMessage).toMatch(/not started \(more than MaxErrors 2 failed\)/);
    expect(maxOverlap(badChildren)).toBeLessThanOrEqual(5);
  }, 240_000);

  it('resumes after SIGKILL during a sleep and during a command, running each step the promised number of times', async () => {
    const node = fleet.nodes[3]!.nodeId;
    const marker = `/tmp/opsdeck-automation-${Date.now()}`;
    const name = await createRunbook(`
schemaVersion: '0.3'
parameters:
  InstanceId: { type: String }
mainSteps:
  - name: nap
    action: aws:sleep
    inputs: { Duration: PT6S }
  - name: slow
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds: ['{{ InstanceId }}']
      Parameters: { commands: ['echo ran >> ${marker}; while [ ! -e ${marker}.go ]; do sleep 0.2; done; echo finished'] }
  - name: tally
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds: ['{{ InstanceId }}']
      Parameters: { commands: ['wc -l < ${marker}; rm -f ${marker} ${marker}.go'] }
outputs: [tally.Output]
`);
    const id = await start(name, { InstanceId: [node] });
    await waitFor('the sleep to start', async () => (await execution(id)).StepExecutions?.some((candidate) => candidate.StepName === 'nap' && candidate.StepStatus === 'InProgress'), 20_000);
    const restart = async () => {
      await server.kill();
      server = await startServer({ databaseUrl, env: BOOTSTRAP_ENV, port: server.port, dataDir: server.dataDir });
      ssm = ssmClient(server.url);
      await fleet.online();
    };
    const killedAt = Date.now();
    await restart();
    // The command waits for a go-file, so the second crash lands mid-command however slow the
    // restart was; a fixed sleep could end before the server is back.
    await waitFor('the command step to be running on the node', async () => {
      const slow = await rawStep(id, 'slow').catch(() => undefined);
      if (slow && slow.StepStatus !== 'InProgress') throw new Error(`step slow is ${slow.StepStatus}, expected InProgress`);
      return Boolean(slow?.CommandId) && fs.existsSync(marker);
    }, 60_000);
    await restart();
    fs.writeFileSync(`${marker}.go`, '');
    const result = await finished(id, 90_000);
    expect(result.AutomationExecutionStatus, result.FailureMessage).toBe('Success');
    const nap = step(result, 'nap');
    expect((await rawStep(id, 'nap')).Attempt).toBe(1);
    expect((await rawStep(id, 'slow')).Attempt).toBe(1);
    expect(nap.ExecutionEndTime!.getTime() - nap.ExecutionStartTime!.getTime()).toBeGreaterThanOrEqual(6000);
    expect(nap.ExecutionEndTime!.getTime()).toBeGreaterThanOrEqual(killedAt);
    // The command was sent once and re-attached to after the crash: the marker has one line.
    expect(result.Outputs!['tally.Output']![0]!.trim()).toBe('1');
    expect(step(result, 'slow').Outputs!.Output![0]).toContain('finished');
    expect(result.StepExecutions!.map((candidate) => candidate.StepName)).toEqual(['nap', 'slow', 'tally']);
  }, 240_000);
});
