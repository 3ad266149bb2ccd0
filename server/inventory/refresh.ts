import { desc, eq } from 'drizzle-orm';
import { associations } from '@/db/schema';
import { getDb } from '@/server/context';
import { nodeIdSchema } from '@/agent/protocol';
import type { Caller } from '@/server/identity/caller';
import { listCommandInvocations, sendCommand } from '@/server/runcommand/service';
import { findDefaultInventoryAssociation, GATHER_INVENTORY_DOCUMENT } from './default-association';
import { newestCaptureTimes } from './entities';

/** The settings a refresh collects with: the default association's, else another inventory association's. */
async function inventoryAssociation() {
  const preferred = await findDefaultInventoryAssociation();
  if (preferred?.documentName === GATHER_INVENTORY_DOCUMENT) return preferred;
  const [other] = await getDb().select().from(associations).where(eq(associations.documentName, GATHER_INVENTORY_DOCUMENT)).orderBy(desc(associations.updatedAt)).limit(1);
  return other;
}

/**
 * "Refresh now": collects one node's inventory at once, through Run Command, with the parameters
 * of the association that normally collects it (what files to list, what to leave out).
 */
export async function refreshNodeInventory(caller: Caller, nodeId: string): Promise<{ commandId: string }> {
  const node = nodeIdSchema.parse(nodeId);
  const association = await inventoryAssociation();
  const command = await sendCommand(
    caller,
    {
      documentName: GATHER_INVENTORY_DOCUMENT,
      documentVersion: association?.documentVersion ?? undefined,
      parameters: association?.parameters ?? {},
      instanceIds: [node],
      comment: 'Inventory refresh from the console',
    },
    { allowPolicyDocument: true },
  );
  return { commandId: command.CommandId };
}

export interface RefreshProgress {
  status: string;
  statusDetails: string;
  isDone: boolean;
  capturedAt: Date | null;
}

const DONE = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

/** Where a refresh stands, and the node's data age once it is done. */
export async function refreshProgress(caller: Caller, nodeId: string, commandId: string): Promise<RefreshProgress> {
  const { invocations } = await listCommandInvocations(caller, { commandId, instanceId: nodeIdSchema.parse(nodeId) });
  const invocation = invocations[0];
  const status = invocation?.Status ?? 'Pending';
  const capturedAt = (await newestCaptureTimes([nodeId])).get(nodeId) ?? null;
  return { status, statusDetails: invocation?.StatusDetails ?? 'Pending', isDone: DONE.has(status), capturedAt };
}
