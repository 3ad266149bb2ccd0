import type { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { createPolicy, listPolicies, type policyInput } from '@/server/identity/policies';

export const GET = withSession(async (_req, caller) => ({ policies: await listPolicies(caller) }));
export const POST = withSession(async (req, caller) => createPolicy(caller, (await readJson(req)) as z.input<typeof policyInput>));
