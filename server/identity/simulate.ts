import { z } from 'zod';
import { getServerContext } from '@/server/context';
import { tagsSchema } from '@/agent/protocol';
import { userArn } from './arn';
import { decide } from './authorize';
import type { Caller } from './caller';
import { userNameSchema } from './names';
import { perform } from './perform';
import { findUserByName } from './users';

export const simulateInput = z.object({
  username: userNameSchema,
  action: z.string().trim().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'an action looks like ssm:StartSession'),
  resource: z.string().trim().min(1, 'the resource is required (an ARN or *)').max(2048),
  resourceTags: tagsSchema.default({}),
});

/** "May user U do action A on resource R?" with the statement that decided it. */
export async function simulatePrincipalPolicy(caller: Caller, input: z.input<typeof simulateInput>) {
  const parsed = simulateInput.parse(input);
  return perform(
    caller,
    { name: 'SimulatePrincipalPolicy', iamAction: 'iam:SimulatePrincipalPolicy', resources: [userArn(getServerContext().accountId, parsed.username)], isAudited: false },
    async () => {
      const user = await findUserByName(parsed.username);
      const result = await decide({ userId: user.id, username: user.username }, parsed);
      return { ...parsed, ...result };
    },
  );
}
