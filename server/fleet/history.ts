import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { nodeStatusEvents } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { nodeArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findManagedNode } from './agent-rpc';

export const historyQueryInput = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Events are read newest first; the cursor is the last id seen. */
  before: z.coerce.number().int().positive().optional(),
});

export interface StatusEventView {
  id: number;
  pingStatus: string;
  reason: string;
  at: Date;
}

/** A node's ping-status changes, newest first, each with why (written by server/fleet/presence.ts). */
export async function listNodeStatusHistory(
  caller: Caller,
  nodeId: string,
  input: z.input<typeof historyQueryInput> = {},
): Promise<{ events: StatusEventView[]; nextBefore?: number }> {
  const { region, accountId } = getServerContext();
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', resources: [nodeArn(region, accountId, nodeId)], isAudited: false }, async () => {
    const { limit, before } = historyQueryInput.parse(input);
    await findManagedNode(nodeId);
    const rows = await getDb()
      .select({ id: nodeStatusEvents.id, pingStatus: nodeStatusEvents.pingStatus, reason: nodeStatusEvents.reason, at: nodeStatusEvents.at })
      .from(nodeStatusEvents)
      .where(and(eq(nodeStatusEvents.nodeId, nodeId), before ? lt(nodeStatusEvents.id, before) : undefined))
      .orderBy(desc(nodeStatusEvents.id))
      .limit(limit + 1);
    const events = rows.slice(0, limit);
    return { events, nextBefore: rows.length > limit ? events.at(-1)?.id : undefined };
  });
}
