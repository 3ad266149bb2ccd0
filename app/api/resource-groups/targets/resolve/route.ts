import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { targetsSchema } from '@/server/resource-groups/schemas';
import { previewTargets } from '@/server/resource-groups/targets';

const body = z.object({ targets: targetsSchema });

// A static segment beside [name]: it only shadows the path /targets/resolve, which no group name
// can produce (names have no slash).
/** The nodes that AWS-style Targets select now: the preview a target picker shows. */
export const POST = withSession(async (req, caller) => previewTargets(caller, body.parse(await readJson(req)).targets));
