/**
 * Per-node edits from the node page: region and account labels here; tags go through the
 * existing addNodeTags/removeNodeTags (server/fleet/service.ts), which the tags route calls.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { managedNodes } from '@/db/schema';
import { siteLabel } from '@/server/activations/service';
import { getDb, getServerContext } from '@/server/context';
import { authorize } from '@/server/identity/authorize';
import { nodeArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findManagedNode } from './agent-rpc';
import { toNodeView, type NodeView } from './node-view';

export const UPDATE_NODE_SETTINGS_ACTION = 'opsdeck:UpdateNodeSettings';

// null clears a label; a missing field leaves it as it is.
export const nodeSettingsInput = z
  .object({
    region: siteLabel('region').nullable().optional(),
    account: siteLabel('account').nullable().optional(),
  })
  .strict()
  .refine((input) => input.region !== undefined || input.account !== undefined, 'give a region or an account (null clears it)');
export type NodeSettingsInput = z.input<typeof nodeSettingsInput>;

/** Sets a node's region/account labels: authorised with the node's tags, audited, pushed live. */
export async function updateNodeSettings(caller: Caller, nodeId: string, input: NodeSettingsInput): Promise<NodeView> {
  const { region, accountId } = getServerContext();
  const arn = nodeArn(region, accountId, nodeId);
  return perform(caller, { name: 'UpdateNodeSettings', resources: [arn], parameters: { instanceId: nodeId, ...input } }, async () => {
    const changes = nodeSettingsInput.parse(input);
    const node = await findManagedNode(nodeId);
    await authorize(caller, { action: UPDATE_NODE_SETTINGS_ACTION, resource: arn, resourceTags: node.tags });
    const [row] = await getDb().update(managedNodes).set(changes).where(eq(managedNodes.id, nodeId)).returning();
    const view = toNodeView(row!);
    getServerContext().broadcast('node:updated', view);
    return view;
  });
}
