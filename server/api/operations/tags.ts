import { z } from 'zod';
import { addNodeTags, listNodeTags, removeNodeTags } from '@/server/fleet/service';
import { OpsdeckError } from '@/server/errors';
import { awsTags, toAwsTags } from '../aws-json';
import { defineOperation } from '../operation';

// Other resource types (Document, Parameter, ...) join as their capabilities arrive.
function assertTaggable(resourceType: string): void {
  if (resourceType !== 'ManagedInstance') {
    throw new OpsdeckError('InvalidResourceType', `tagging ${resourceType} resources is not supported yet; supported: ManagedInstance`);
  }
}

const target = { ResourceType: z.string({ message: 'ResourceType is required' }), ResourceId: z.string({ message: 'ResourceId is required' }) };

export const AddTagsToResource = defineOperation({
  name: 'AddTagsToResource',
  input: z.object({ ...target, Tags: awsTags }),
  async run(input, caller) {
    assertTaggable(input.ResourceType);
    await addNodeTags(caller, input.ResourceId, input.Tags);
    return {};
  },
});

export const RemoveTagsFromResource = defineOperation({
  name: 'RemoveTagsFromResource',
  input: z.object({ ...target, TagKeys: z.array(z.string()).min(1, 'TagKeys must name at least one key') }),
  async run(input, caller) {
    assertTaggable(input.ResourceType);
    await removeNodeTags(caller, input.ResourceId, input.TagKeys);
    return {};
  },
});

export const ListTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  input: z.object(target),
  async run(input, caller) {
    assertTaggable(input.ResourceType);
    return { TagList: toAwsTags(await listNodeTags(caller, input.ResourceId)) };
  },
});
