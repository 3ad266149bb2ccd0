import { z } from 'zod';
import { addNodeTags, listNodeTags, removeNodeTags } from '@/server/fleet/service';
import { addParameterTags, listParameterTags, removeParameterTags } from '@/server/parameters/service';
import { OpsdeckError } from '@/server/errors';
import { awsTags, toAwsTags } from '../aws-json';
import { defineOperation } from '../operation';

const TAGGERS = {
  ManagedInstance: { add: addNodeTags, remove: removeNodeTags, list: listNodeTags },
  Parameter: { add: addParameterTags, remove: removeParameterTags, list: listParameterTags },
};

// Other resource types (Document, ...) join as their capabilities arrive.
function taggerFor(resourceType: string) {
  if (!Object.hasOwn(TAGGERS, resourceType)) {
    throw new OpsdeckError('InvalidResourceType', `tagging ${resourceType} resources is not supported yet; supported: ${Object.keys(TAGGERS).join(', ')}`);
  }
  return TAGGERS[resourceType as keyof typeof TAGGERS];
}

const target = { ResourceType: z.string({ message: 'ResourceType is required' }), ResourceId: z.string({ message: 'ResourceId is required' }) };

export const AddTagsToResource = defineOperation({
  name: 'AddTagsToResource',
  input: z.object({ ...target, Tags: awsTags }),
  async run(input, caller) {
    await taggerFor(input.ResourceType).add(caller, input.ResourceId, input.Tags);
    return {};
  },
});

export const RemoveTagsFromResource = defineOperation({
  name: 'RemoveTagsFromResource',
  input: z.object({ ...target, TagKeys: z.array(z.string()).min(1, 'TagKeys must name at least one key') }),
  async run(input, caller) {
    await taggerFor(input.ResourceType).remove(caller, input.ResourceId, input.TagKeys);
    return {};
  },
});

export const ListTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  input: z.object(target),
  async run(input, caller) {
    return { TagList: toAwsTags(await taggerFor(input.ResourceType).list(caller, input.ResourceId)) };
  },
});
