import type { InventoryPut, InventoryPutResult } from '@/agent/protocol';

/** `inventory:put` from a node's aws:softwareInventory step: stores one type and its change history. */
export async function storeNodeInventory(nodeId: string, put: InventoryPut): Promise<InventoryPutResult> {
  void nodeId;
  void put;
  throw new Error('inventory storage is not built yet');
}
