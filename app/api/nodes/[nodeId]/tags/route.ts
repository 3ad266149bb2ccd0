import { z } from 'zod';
import { tagsSchema } from '@/agent/protocol';
import { readJson, withSession } from '@/server/http/route';
import { addNodeTags, removeNodeTags } from '@/server/fleet/service';

const putBody = z.object({ tags: tagsSchema.refine((tags) => Object.keys(tags).length > 0, 'give at least one tag') }).strict();
const deleteBody = z.object({ keys: z.array(z.string().min(1).max(128)).min(1, 'give at least one tag key').max(50) }).strict();

/** PUT {tags: {k: v}} merges (existing keys get the new value), like AddTagsToResource. */
export const PUT = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => {
  const { tags } = putBody.parse(await readJson(req));
  return { tags: await addNodeTags(caller, nodeId, tags) };
});

/** DELETE {keys: [...]} removes those keys, like RemoveTagsFromResource. */
export const DELETE = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => {
  const { keys } = deleteBody.parse(await readJson(req));
  return { tags: await removeNodeTags(caller, nodeId, keys) };
});
