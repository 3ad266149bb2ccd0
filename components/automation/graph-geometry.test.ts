import { describe, expect, it } from 'vitest';
import { graphLayout, runbookGraph } from '@/server/automation/graph';
import { END_WIDTH, NODE_WIDTH, clip, placeGraph, statusByStep } from './graph-geometry';

const RUNBOOK = {
  schemaVersion: '0.3',
  mainSteps: [
    { name: 'check', action: 'aws:branch', inputs: { Choices: [{ NextStep: 'restart', Variable: '{{ Mode }}', StringEquals: 'restart' }], Default: 'skip' } },
    { name: 'restart', action: 'aws:runCommand', onFailure: 'step:rollback', inputs: { DocumentName: 'AWS-RunShellScript' }, nextStep: 'each' },
    { name: 'skip', action: 'aws:sleep', inputs: { Duration: 'PT1S' }, isEnd: true },
    { name: 'each', action: 'aws:loop', inputs: { Iterators: ['a', 'b'], Steps: [{ name: 'touch', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }] }, isEnd: true },
    { name: 'rollback', action: 'aws:frobnicate', isEnd: true },
  ],
};

describe('placeGraph', () => {
  const placed = placeGraph(graphLayout(runbookGraph(RUNBOOK)));

  it('places every step and the end node without overlapping', () => {
    expect(placed.nodes.map((node) => node.name).sort()).toEqual(['End', 'check', 'each', 'restart', 'rollback', 'skip', 'touch']);
    const boxes = placed.nodes.map((node) => [node.x, node.y, node.x + node.width, node.y + node.height] as const);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]).toBe(true);
    }
    expect(placed.nodes.find((node) => node.id === '__end__')!.width).toBe(END_WIDTH);
    expect(placed.nodes.find((node) => node.name === 'check')!.width).toBe(NODE_WIDTH);
  });

  it('keeps everything inside the drawing', () => {
    for (const node of placed.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(placed.width);
      expect(node.y + node.height).toBeLessThanOrEqual(placed.height);
    }
    for (const { tag } of placed.edges) {
      if (tag) expect(tag.at.x + tag.width / 2).toBeLessThanOrEqual(placed.width);
      if (tag) expect(tag.at.x - tag.width / 2).toBeGreaterThanOrEqual(0);
    }
    for (const edge of placed.edges) {
      const numbers = edge.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const xs = numbers.filter((_, index) => index % 2 === 0);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(placed.width);
    }
  });

  it('frames a loop body and labels branch and failure edges', () => {
    expect(placed.frames).toHaveLength(1);
    const touch = placed.nodes.find((node) => node.name === 'touch')!;
    const [frame] = placed.frames;
    expect(frame!.x).toBeLessThan(touch.x);
    expect(frame!.x + frame!.width).toBeGreaterThan(touch.x + touch.width);
    expect(placed.edges.filter((edge) => edge.kind === 'branch' || edge.kind === 'failure').every((edge) => edge.tag)).toBe(true);
    expect(placed.edges.some((edge) => edge.kind === 'loop-back' && edge.isBackward)).toBe(true);
  });
});

describe('statusByStep', () => {
  it('keeps the latest status of a step that ran more than once', () => {
    expect(statusByStep([{ StepName: 'touch', StepStatus: 'Success' }, { StepName: 'touch', StepStatus: 'InProgress' }]).get('touch')).toBe('InProgress');
  });
});

describe('clip', () => {
  it('ends cut text with an ellipsis', () => {
    expect(clip('restartTheServiceNow', 10)).toBe('restartTh…');
    expect(clip('short', 10)).toBe('short');
  });
});
