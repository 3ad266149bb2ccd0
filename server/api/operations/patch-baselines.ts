import { z } from 'zod';
import { validationError } from '@/server/errors';
import { createPatchBaseline, deletePatchBaseline, describePatchBaselines, getPatchBaseline, updatePatchBaseline } from '@/server/patch-manager/baselines';
import { deregisterPatchGroup, describePatchGroups, getBaselineForPatchGroup, getDefaultPatchBaseline, registerDefaultPatchBaseline, registerPatchGroup } from '@/server/patch-manager/patch-groups';
import { baselineIdSchema, createBaselineInput, operatingSystemSchema, updateBaselineInput } from '@/server/patch-manager/schemas';
import { PATCH_OPERATING_SYSTEMS, type PatchOperatingSystem } from '@/db/schema';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

const filters = z.array(z.object({ Key: z.string(), Values: z.array(z.string()).max(10) })).max(5).optional();
const paging = { MaxResults: z.number().int().min(1).max(100).optional(), NextToken: z.string().optional() };

/** AWS's Key/Values filters as a map, refusing keys the operation does not know. */
export function patchFilterMap(operation: string, given: { Key: string; Values: string[] }[] | undefined, known: readonly string[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { Key, Values } of given ?? []) {
    if (!known.includes(Key)) throw validationError(`${operation}: unknown filter key '${Key}'; use ${known.join(', ')}`);
    map[Key] = [...(map[Key] ?? []), ...Values];
  }
  return map;
}

function operatingSystemsOf(values: string[] | undefined): PatchOperatingSystem[] | undefined {
  if (!values) return undefined;
  const unknown = values.filter((value) => !(PATCH_OPERATING_SYSTEMS as readonly string[]).includes(value));
  if (unknown.length > 0) throw validationError(`OPERATING_SYSTEM: ${unknown.join(', ')} is not one of ${PATCH_OPERATING_SYSTEMS.join(', ')}`);
  return values as PatchOperatingSystem[];
}

export const CreatePatchBaseline = defineOperation({
  name: 'CreatePatchBaseline',
  input: createBaselineInput,
  run: (input, caller) => createPatchBaseline(caller, input),
});

export const UpdatePatchBaseline = defineOperation({
  name: 'UpdatePatchBaseline',
  input: updateBaselineInput,
  async run(input, caller) {
    const { PatchGroups: _groups, IsPredefined: _predefined, DefaultBaseline: _default, ...view } = await updatePatchBaseline(caller, input);
    return view;
  },
});

export const GetPatchBaseline = defineOperation({
  name: 'GetPatchBaseline',
  input: z.object({ BaselineId: baselineIdSchema }),
  async run(input, caller) {
    const { IsPredefined: _predefined, DefaultBaseline: _default, ...view } = await getPatchBaseline(caller, input.BaselineId);
    return view;
  },
});

export const DescribePatchBaselines = defineOperation({
  name: 'DescribePatchBaselines',
  input: z.object({ Filters: filters, ...paging }),
  async run(input, caller) {
    const map = patchFilterMap('DescribePatchBaselines', input.Filters, ['NAME_PREFIX', 'OWNER', 'OPERATING_SYSTEM']);
    const owner = map.OWNER?.[0];
    if (owner !== undefined && !['Self', 'AWS', 'All'].includes(owner)) throw validationError(`the OWNER filter is Self, AWS or All, not '${owner}'`);
    const offset = decodeNextToken('DescribePatchBaselines', input.NextToken);
    const page = await describePatchBaselines(caller, {
      namePrefix: map.NAME_PREFIX?.[0],
      owner: owner as 'Self' | 'AWS' | 'All' | undefined,
      operatingSystems: operatingSystemsOf(map.OPERATING_SYSTEM),
      offset,
      maxResults: input.MaxResults,
    });
    return { BaselineIdentities: page.baselines, NextToken: nextTokenAfter('DescribePatchBaselines', offset, page.baselines.length, page.hasMore) };
  },
});

export const DeletePatchBaseline = defineOperation({
  name: 'DeletePatchBaseline',
  input: z.object({ BaselineId: baselineIdSchema }),
  run: (input, caller) => deletePatchBaseline(caller, input.BaselineId),
});

const groupRegistration = z.object({ BaselineId: baselineIdSchema, PatchGroup: z.string({ message: 'PatchGroup is required' }) });

export const RegisterPatchBaselineForPatchGroup = defineOperation({
  name: 'RegisterPatchBaselineForPatchGroup',
  input: groupRegistration,
  run: (input, caller) => registerPatchGroup(caller, { baselineId: input.BaselineId, patchGroup: input.PatchGroup }),
});

export const DeregisterPatchBaselineForPatchGroup = defineOperation({
  name: 'DeregisterPatchBaselineForPatchGroup',
  input: groupRegistration,
  run: (input, caller) => deregisterPatchGroup(caller, { baselineId: input.BaselineId, patchGroup: input.PatchGroup }),
});

export const GetPatchBaselineForPatchGroup = defineOperation({
  name: 'GetPatchBaselineForPatchGroup',
  input: z.object({ PatchGroup: z.string({ message: 'PatchGroup is required' }), OperatingSystem: operatingSystemSchema.optional() }),
  run: (input, caller) => getBaselineForPatchGroup(caller, { patchGroup: input.PatchGroup, operatingSystem: input.OperatingSystem }),
});

export const DescribePatchGroups = defineOperation({
  name: 'DescribePatchGroups',
  input: z.object({ Filters: filters, ...paging }),
  async run(input, caller) {
    const map = patchFilterMap('DescribePatchGroups', input.Filters, ['NAME_PREFIX', 'OPERATING_SYSTEM']);
    const offset = decodeNextToken('DescribePatchGroups', input.NextToken);
    const page = await describePatchGroups(caller, { namePrefix: map.NAME_PREFIX?.[0], operatingSystems: operatingSystemsOf(map.OPERATING_SYSTEM), offset, maxResults: input.MaxResults });
    return { Mappings: page.mappings, NextToken: nextTokenAfter('DescribePatchGroups', offset, page.mappings.length, page.hasMore) };
  },
});

export const RegisterDefaultPatchBaseline = defineOperation({
  name: 'RegisterDefaultPatchBaseline',
  input: z.object({ BaselineId: baselineIdSchema }),
  run: (input, caller) => registerDefaultPatchBaseline(caller, input.BaselineId),
});

export const GetDefaultPatchBaseline = defineOperation({
  name: 'GetDefaultPatchBaseline',
  // AWS assumes WINDOWS when left out; Opsdeck patches Linux only, so it must be named.
  input: z.object({ OperatingSystem: operatingSystemSchema }),
  run: (input, caller) => getDefaultPatchBaseline(caller, input.OperatingSystem),
});
