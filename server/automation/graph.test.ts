import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { END_NODE_ID, graphLayout, runbookGraph, runbookSteps, type GraphEdge, type RunbookGraph } from './graph';

const LINEAR = parse(`
schemaVersion: '0.3'
mainSteps:
  - name: first
    action: aws:sleep
    inputs: { Duration: PT1S }
    nextStep: third
  - name: second
    action: aws:sleep
    inputs: { Duration: PT1S }
    isEnd: true
  - name: third
    action: aws:executeScript
    inputs: { Runtime: python3.11, Handler: handler, Script: "def handler(e, c): pass" }
  - name: fourth
    action: aws:invokeLambdaFunction
    inputs: { FunctionName: f }
`);

const BRANCHING = parse(`
schemaVersion: '0.3'
parameters:
  Mode: { type: String }
mainSteps:
  - name: choose
    action: aws:branch
    inputs:
      Choices:
        - NextStep: fast
          Variable: "{{ Mode }}"
          StringEquals: fast
        - NextStep: slow
          Not:
            - Variable: "{{ Mode }}"
              StartsWith: f
      Default: careful
  - name: fast
    action: aws:sleep
    inputs: { Duration: PT1S }
    nextStep: done
  - name: slow
    action: aws:runCommand
    inputs: { DocumentName: AWS-RunShellScript }
    onFailure: step:cleanup
    onCancel: step:cleanup
    nextStep: done
  - name: careful
    action: aws:approve
    inputs: { Approvers: [admin] }
    onFailure: Continue
  - name: done
    action: aws:branch
    inputs:
      Choices:
        - NextStep: cleanup
          Variable: "{{ fast.Output }}"
          Contains: error
  - name: cleanup
    action: aws:sleep
    inputs: { Duration: PT1S }
`);

const LOOPING = parse(`
schemaVersion: '0.3'
mainSteps:
  - name: describe
    action: aws:executeAwsApi
    inputs: { Service: ssm, Api: DescribeInstanceInformation }
  - name: eachNode
    action: aws:loop
    inputs:
      Iterators: "{{ describe.Ids }}"
      Steps:
        - name: restart
          action: aws:runCommand
          inputs:
            DocumentName: AWS-RunShellScript
            InstanceIds: ["{{ eachNode.CurrentIteratorValue }}"]
        - name: pauseBetween
          action: aws:sleep
          inputs: { Duration: PT5S }
  - name: report
    action: aws:executeScript
    inputs: { Runtime: nodejs20.x, Handler: handler, Script: "exports.handler = () => 1" }
`);

function edgesOf(graph: RunbookGraph): string[] {
  return graph.edges.map((edge) => `${edge.from} -${edge.kind}-> ${edge.to}${edge.label ? ` [${edge.label}]` : ''}`);
}

describe('runbookGraph', () => {
  it('follows nextStep, isEnd and document order, ending after the last step', () => {
    const graph = runbookGraph(LINEAR);
    expect(graph.nodes).toEqual([
      { id: 'first', name: 'first', action: 'aws:sleep', isEnd: false, isKnownAction: true },
      { id: 'second', name: 'second', action: 'aws:sleep', isEnd: true, isKnownAction: true },
      { id: 'third', name: 'third', action: 'aws:executeScript', isEnd: false, isKnownAction: true },
      { id: 'fourth', name: 'fourth', action: 'aws:invokeLambdaFunction', isEnd: false, isKnownAction: false },
      { id: END_NODE_ID, name: 'End', action: '', isEnd: true, isKnownAction: false },
    ]);
    expect(edgesOf(graph)).toEqual(['first -next-> third', 'second -next-> __end__', 'third -next-> fourth', 'fourth -next-> __end__']);
  });

  it('draws a branch per choice with its condition, the default, and failure and cancel edges', () => {
    expect(edgesOf(runbookGraph(BRANCHING))).toEqual([
      'choose -branch-> fast [{{ Mode }} = fast]',
      'choose -branch-> slow [not ({{ Mode }} starts with f)]',
      'choose -default-> careful [default]',
      'fast -next-> done',
      'slow -next-> done',
      'slow -failure-> cleanup [on failure]',
      'slow -cancel-> cleanup [on cancel]',
      'careful -next-> done',
      'careful -failure-> done [on failure, continue]',
      'done -branch-> cleanup [{{ fast.Output }} contains error]',
      // AWS goes on to the next step when no choice matches and there is no Default.
      'done -default-> cleanup [no choice matched]',
      'cleanup -next-> __end__',
    ]);
  });

  it('cuts a long condition short in its label', () => {
    const choice = { NextStep: 'b', Or: [{ Variable: '{{ Environment }}', StringEquals: 'production' }, { Variable: '{{ Environment }}', StringEquals: 'staging' }] };
    const graph = runbookGraph({ mainSteps: [{ name: 'a', action: 'aws:branch', inputs: { Choices: [choice] } }, { name: 'b', action: 'aws:pause' }] });
    expect(graph.edges[0]!.label).toBe('{{ Environment }} = production or {{ Environmen…');
  });

  it('puts a loop’s steps inside it, with the way in and the way back', () => {
    const graph = runbookGraph(LOOPING);
    expect(graph.nodes.map((node) => [node.id, node.parent])).toEqual([
      ['describe', undefined],
      ['eachNode', undefined],
      ['restart', 'eachNode'],
      ['pauseBetween', 'eachNode'],
      ['report', undefined],
      [END_NODE_ID, undefined],
    ]);
    expect(edgesOf(graph)).toEqual([
      'describe -next-> eachNode',
      'eachNode -next-> report',
      'eachNode -loop-body-> restart',
      'report -next-> __end__',
      'restart -next-> pauseBetween',
      'pauseBetween -loop-back-> eachNode',
    ]);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'schemaVersion: 0.3'],
    ['no steps', { schemaVersion: '0.3' }],
    ['steps that are not a list', { mainSteps: 'first' }],
    ['steps that are not objects', { mainSteps: ['first', null, 3] }],
    ['a step with nothing in it', { mainSteps: [{}] }],
    ['half-typed branches and loops', { mainSteps: [{ name: 'b', action: 'aws:branch', inputs: { Choices: 'x', Default: 5 } }, { name: 'l', action: 'aws:loop', inputs: { Steps: [null, { name: 7 }] } }, { name: 'c', action: 'aws:branch', inputs: null }] }],
    ['choices that are not objects', { mainSteps: [{ name: 'b', action: 'aws:branch', inputs: { Choices: [null, 'x', { NextStep: {} }] } }] }],
  ])('does not throw on %s', (_what, document) => {
    expect(() => graphLayout(runbookGraph(document))).not.toThrow();
  });

  it('skips what names no step and keeps steps without a usable name apart', () => {
    const graph = runbookGraph({
      mainSteps: [
        { name: 'a', action: 'aws:sleep', nextStep: 'missing', onFailure: 'step:gone' },
        { action: 'aws:pause' },
        { name: 'a', action: 'aws:sleep' },
        { name: 'b', action: 'aws:branch', inputs: { Choices: [{ NextStep: 'nowhere', Variable: 'x', StringEquals: 'x' }], Default: 'a' } },
      ],
    });
    expect(graph.nodes.map((node) => [node.id, node.name])).toEqual([
      ['a', 'a'],
      ['mainSteps[1]', 'mainSteps[1]'],
      ['mainSteps[2]', 'a'],
      ['b', 'b'],
    ]);
    expect(edgesOf(graph)).toEqual(['mainSteps[1] -next-> mainSteps[2]', 'mainSteps[2] -next-> b', 'b -default-> a [default]']);
  });
});

describe('runbookSteps', () => {
  it('lists every step with its path, loop steps under their loop', () => {
    expect(runbookSteps(LOOPING).map((step) => [step.id, step.path.join('.'), step.parent])).toEqual([
      ['describe', 'mainSteps.0', undefined],
      ['eachNode', 'mainSteps.1', undefined],
      ['restart', 'mainSteps.1.inputs.Steps.0', 'eachNode'],
      ['pauseBetween', 'mainSteps.1.inputs.Steps.1', 'eachNode'],
      ['report', 'mainSteps.2', undefined],
    ]);
  });
});

describe('graphLayout', () => {
  const place = (graph: RunbookGraph) => Object.fromEntries(graphLayout(graph).nodes.map((node) => [node.id, [node.row, node.column]]));

  it('lays a straight runbook out in one column', () => {
    const graph = runbookGraph({ mainSteps: [{ name: 'a', action: 'aws:sleep' }, { name: 'b', action: 'aws:sleep' }, { name: 'c', action: 'aws:sleep' }] });
    expect(place(graph)).toEqual({ a: [0, 0], b: [1, 0], c: [2, 0], [END_NODE_ID]: [3, 0] });
    expect(graphLayout(graph)).toMatchObject({ rows: 4, columns: 1 });
  });

  it('puts branches side by side and joins below the longest one', () => {
    expect(place(runbookGraph(BRANCHING))).toEqual({
      choose: [0, 0],
      fast: [1, 0],
      slow: [1, 1],
      careful: [1, 2],
      done: [2, 0],
      cleanup: [3, 0],
      [END_NODE_ID]: [4, 0],
    });
  });

  it('draws a loop’s body between the loop and the step after it, and marks the way back as backward', () => {
    const layout = graphLayout(runbookGraph(LOOPING));
    expect(Object.fromEntries(layout.nodes.map((node) => [node.id, [node.row, node.column]]))).toEqual({
      describe: [0, 0],
      eachNode: [1, 0],
      restart: [2, 0],
      pauseBetween: [3, 0],
      report: [4, 0],
      [END_NODE_ID]: [5, 0],
    });
    const backward = layout.edges.filter((edge) => edge.isBackward).map((edge: GraphEdge) => `${edge.from}->${edge.to}`);
    expect(backward).toEqual(['pauseBetween->eachNode']);
  });

  it('survives a cycle made with nextStep and onFailure', () => {
    const graph = runbookGraph({
      mainSteps: [
        { name: 'try', action: 'aws:runCommand', onFailure: 'step:wait' },
        { name: 'check', action: 'aws:sleep', isEnd: true },
        { name: 'wait', action: 'aws:sleep', nextStep: 'try' },
      ],
    });
    const layout = graphLayout(graph);
    expect(Object.fromEntries(layout.nodes.map((node) => [node.id, node.row]))).toEqual({ try: 0, check: 1, wait: 1, [END_NODE_ID]: 2 });
    expect(layout.edges.find((edge) => edge.from === 'wait')).toMatchObject({ to: 'try', isBackward: true });
  });

  it('lays out nothing as nothing', () => {
    expect(graphLayout(runbookGraph({}))).toEqual({ nodes: [], edges: [], rows: 0, columns: 0 });
  });
});
