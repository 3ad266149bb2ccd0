import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { updateDocumentDefaultVersion } from '@/server/documents/service';

const body = z.object({ version: z.string({ message: 'version is required' }).min(1) });

export const PUT = withSession<{ name: string }>(async (req, caller, { name }) => updateDocumentDefaultVersion(caller, name, body.parse(await readJson(req)).version));
