import type { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { simulatePrincipalPolicy, type simulateInput } from '@/server/identity/simulate';

export const POST = withSession(async (req, caller) => simulatePrincipalPolicy(caller, (await readJson(req)) as z.input<typeof simulateInput>));
