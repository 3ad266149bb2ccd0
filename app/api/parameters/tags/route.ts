import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { addParameterTags, listParameterTags, removeParameterTags } from '@/server/parameters/service';
import { nameParam, readObject } from '../request';

const addInput = z.object({
  name: z.string({ message: 'name is required' }).min(1, 'name is required'),
  tags: z.record(
    z.string().trim().min(1, 'a tag key is not empty').max(128, 'a tag key is at most 128 characters'),
    z.string().max(256, 'a tag value is at most 256 characters'),
    { message: 'tags is an object of key: value' },
  ),
});

export const GET = withSession(async (req, caller) => ({ tags: await listParameterTags(caller, nameParam(req)) }));

/** {name, tags: {key: value}}: adds tags; an existing key takes the new value. */
export const POST = withSession(async (req, caller) => {
  const input = addInput.parse(await readObject(req));
  await addParameterTags(caller, input.name, input.tags);
  return { tags: await listParameterTags(caller, input.name) };
});

/** ?name=&key=a&key=b: removes those tag keys. */
export const DELETE = withSession(async (req, caller) => {
  const name = nameParam(req);
  const keys = req.nextUrl.searchParams.getAll('key').filter(Boolean);
  if (keys.length === 0) throw new z.ZodError([{ code: 'custom', path: ['key'], message: 'name at least one tag key to remove', input: undefined }]);
  await removeParameterTags(caller, name, keys);
  return { tags: await listParameterTags(caller, name) };
});
