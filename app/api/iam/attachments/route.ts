import type { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { attachPolicy, detachPolicy, type attachmentInput } from '@/server/identity/policies';

type Attachment = z.input<typeof attachmentInput>;

export const POST = withSession(async (req, caller) => attachPolicy(caller, (await readJson(req)) as Attachment));
export const DELETE = withSession(async (req, caller) => detachPolicy(caller, (await readJson(req)) as Attachment));
