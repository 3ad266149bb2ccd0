import { randomBytes } from 'node:crypto';
import type { RegisterRequest, RegisterResponse } from '@/agent/protocol';
import { managedNodes } from '@/db/schema';
import { claimActivation } from '@/server/activations/service';
import { hashToken, newToken } from '@/server/auth/tokens';
import { getDb, getServerContext } from '@/server/context';
import { toNodeView } from './node-view';

/** AWS's managed-instance id form: mi- followed by 17 hex characters. */
export function newNodeId(): string {
  return `mi-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

/** Trades a valid activation code for a node id and the node's own secret. */
export async function registerNode(request: RegisterRequest): Promise<RegisterResponse> {
  const secret = newToken(32);
  const node = await getDb().transaction(async (tx) => {
    const activation = await claimActivation(tx, request.activationId, request.activationCode);
    const [row] = await tx
      .insert(managedNodes)
      .values({
        id: newNodeId(),
        name: request.name ?? activation.defaultInstanceName ?? request.metadata.computerName,
        activationId: activation.id,
        secretHash: hashToken(secret),
        pingStatus: 'ConnectionLost',
        ...request.metadata,
        tags: { ...activation.tags, ...request.tags },
      })
      .returning();
    return row!;
  });
  getServerContext().broadcast('node:updated', toNodeView(node));
  return { nodeId: node.id, secret };
}
