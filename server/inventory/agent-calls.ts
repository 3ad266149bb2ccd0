import type { InventoryPut, InventoryPutResult } from '@/agent/protocol';
import { storeItems } from './service';

/** `inventory:put` from a node's aws:softwareInventory step: stores one type and its change history. */
export async function storeNodeInventory(nodeId: string, put: InventoryPut): Promise<InventoryPutResult> {
  return storeItems(nodeId, [put.item], true);
}
