import { z } from 'zod';
import { nodeIdSchema } from '@/agent/protocol';
import { AVAILABLE_PATCH_FILTER_KEYS, describeAvailablePatches, describeEffectivePatches, type AvailablePatchFilterKey } from '@/server/patch-manager/catalogue-views';
import {
  describeInstancePatches,
  describeInstancePatchStates,
  describeInstancePatchStatesForPatchGroup,
  describePatchGroupState,
  PATCH_FILTER_KEYS_OF_INSTANCE,
  STATE_FILTER_KEYS,
  type InstancePatchFilterKey,
} from '@/server/patch-manager/instance-states';
import { baselineIdSchema } from '@/server/patch-manager/schemas';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';
import { patchFilterMap } from './patch-baselines';

const filters = z.array(z.object({ Key: z.string(), Values: z.array(z.string()).max(20) })).max(10).optional();

export const DescribeInstancePatchStates = defineOperation({
  name: 'DescribeInstancePatchStates',
  input: z.object({
    InstanceIds: z.array(nodeIdSchema).min(1, 'give at least one InstanceId').max(50, 'InstanceIds takes at most 50 node ids'),
    MaxResults: z.number().int().min(10).max(100).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeInstancePatchStates', input.NextToken);
    const page = await describeInstancePatchStates(caller, { instanceIds: input.InstanceIds, offset, maxResults: input.MaxResults });
    return { InstancePatchStates: page.states, NextToken: nextTokenAfter('DescribeInstancePatchStates', offset, page.states.length, page.hasMore) };
  },
});

export const DescribeInstancePatchStatesForPatchGroup = defineOperation({
  name: 'DescribeInstancePatchStatesForPatchGroup',
  input: z.object({
    PatchGroup: z.string({ message: 'PatchGroup is required' }),
    Filters: z
      .array(z.object({ Key: z.enum(STATE_FILTER_KEYS, { message: `a filter Key is one of ${STATE_FILTER_KEYS.join(', ')}` }), Values: z.array(z.string()), Type: z.enum(['Equal', 'NotEqual', 'LessThan', 'GreaterThan'], { message: 'a filter Type is Equal, NotEqual, LessThan or GreaterThan' }) }))
      .max(4)
      .optional(),
    MaxResults: z.number().int().min(10).max(100).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeInstancePatchStatesForPatchGroup', input.NextToken);
    const page = await describeInstancePatchStatesForPatchGroup(caller, { patchGroup: input.PatchGroup, filters: input.Filters ?? [], offset, maxResults: input.MaxResults });
    return { InstancePatchStates: page.states, NextToken: nextTokenAfter('DescribeInstancePatchStatesForPatchGroup', offset, page.states.length, page.hasMore) };
  },
});

export const DescribeInstancePatches = defineOperation({
  name: 'DescribeInstancePatches',
  input: z.object({ InstanceId: nodeIdSchema, Filters: filters, MaxResults: z.number().int().min(10).max(100).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const map = patchFilterMap('DescribeInstancePatches', input.Filters, PATCH_FILTER_KEYS_OF_INSTANCE) as Partial<Record<InstancePatchFilterKey, string[]>>;
    const offset = decodeNextToken('DescribeInstancePatches', input.NextToken);
    const page = await describeInstancePatches(caller, { instanceId: input.InstanceId, filters: map, offset, maxResults: input.MaxResults });
    return { Patches: page.patches, NextToken: nextTokenAfter('DescribeInstancePatches', offset, page.patches.length, page.hasMore) };
  },
});

export const DescribeEffectivePatchesForPatchBaseline = defineOperation({
  name: 'DescribeEffectivePatchesForPatchBaseline',
  input: z.object({ BaselineId: baselineIdSchema, MaxResults: z.number().int().min(1).max(100).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeEffectivePatchesForPatchBaseline', input.NextToken);
    const page = await describeEffectivePatches(caller, { baselineId: input.BaselineId, offset, maxResults: input.MaxResults });
    return { EffectivePatches: page.patches, NextToken: nextTokenAfter('DescribeEffectivePatchesForPatchBaseline', offset, page.patches.length, page.hasMore) };
  },
});

export const DescribeAvailablePatches = defineOperation({
  name: 'DescribeAvailablePatches',
  input: z.object({ Filters: filters, MaxResults: z.number().int().min(1).max(100).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const map = patchFilterMap('DescribeAvailablePatches', input.Filters, AVAILABLE_PATCH_FILTER_KEYS) as Partial<Record<AvailablePatchFilterKey, string[]>>;
    const offset = decodeNextToken('DescribeAvailablePatches', input.NextToken);
    const page = await describeAvailablePatches(caller, { filters: map, offset, maxResults: input.MaxResults });
    return { Patches: page.patches, NextToken: nextTokenAfter('DescribeAvailablePatches', offset, page.patches.length, page.hasMore) };
  },
});

export const DescribePatchGroupState = defineOperation({
  name: 'DescribePatchGroupState',
  input: z.object({ PatchGroup: z.string({ message: 'PatchGroup is required' }) }),
  run: (input, caller) => describePatchGroupState(caller, input.PatchGroup),
});
