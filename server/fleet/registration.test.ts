import { describe, expect, it } from 'vitest';
import { NODE_ID_PATTERN } from '@/agent/protocol';
import { newNodeId } from './registration';

describe('newNodeId', () => {
  it('issues ids in AWS managed-instance form, never twice', () => {
    const ids = Array.from({ length: 1000 }, newNodeId);
    expect(ids.every((id) => NODE_ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });
});
