import { and, eq, lt } from 'drizzle-orm';
import type { AgentAuth, NodeMetadata } from '@/agent/protocol';
import { managedNodes, nodeStatusEvents, type ManagedNode } from '@/db/schema';
import { tokenMatches } from '@/server/auth/tokens';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { toNodeView } from './node-view';

/** Checks an agent's credentials; the server never trusts a node id it did not issue. */
export async function authenticateNode(auth: AgentAuth): Promise<ManagedNode> {
  const [node] = await getDb().select().from(managedNodes).where(eq(managedNodes.id, auth.nodeId));
  if (!node) throw new OpsdeckError('NodeNotRegistered', `node ${auth.nodeId} was never registered here`, 401);
  if (!tokenMatches(auth.secret, node.secretHash)) {
    throw new OpsdeckError('InvalidNodeCredentials', `the credentials for node ${auth.nodeId} are not valid`, 401);
  }
  if (node.deregisteredAt) {
    throw new OpsdeckError('NodeDeregistered', `node ${auth.nodeId} was deregistered; register it again`, 401);
  }
  return node;
}

/** Tells the consoles and writes the status history: every status change says why. */
export async function publishStatusChange(rows: ManagedNode[], reason: string): Promise<void> {
  if (rows.length === 0) return;
  await getDb()
    .insert(nodeStatusEvents)
    .values(rows.map((row) => ({ nodeId: row.id, pingStatus: row.pingStatus, reason })));
  const { broadcast } = getServerContext();
  for (const row of rows) broadcast('node:updated', toNodeView(row));
}

export async function markNodeConnected(nodeId: string, connectionId: string, metadata?: NodeMetadata) {
  const rows = await getDb()
    .update(managedNodes)
    .set({ pingStatus: 'Online', lastPingAt: new Date(), connectionId, ...metadata })
    .where(eq(managedNodes.id, nodeId))
    .returning();
  await publishStatusChange(rows, metadata ? `agent ${metadata.agentVersion} connected` : 'agent connected');
}

/**
 * Returns false when this connection no longer speaks for the node (the sweeper or a newer
 * connection took over): the caller should then drop it so the agent reconnects cleanly.
 */
export async function recordHeartbeat(nodeId: string, connectionId: string): Promise<boolean> {
  const rows = await getDb()
    .update(managedNodes)
    .set({ lastPingAt: new Date() })
    .where(and(eq(managedNodes.id, nodeId), eq(managedNodes.connectionId, connectionId)))
    .returning({ id: managedNodes.id });
  return rows.length > 0;
}

/** Marks a node lost, unless a newer connection already speaks for it. */
export async function markNodeDisconnected(nodeId: string, connectionId: string): Promise<void> {
  const rows = await getDb()
    .update(managedNodes)
    .set({ pingStatus: 'ConnectionLost', connectionId: null })
    .where(
      and(
        eq(managedNodes.id, nodeId),
        eq(managedNodes.connectionId, connectionId),
        eq(managedNodes.pingStatus, 'Online'),
      ),
    )
    .returning();
  await publishStatusChange(rows, 'the agent connection closed');
}

/**
 * Catches half-open connections and replicas that died without saying goodbye: any Online node
 * not heard from within the threshold becomes ConnectionLost. Safe to run on every replica.
 */
export async function sweepSilentNodes(thresholdSeconds: number): Promise<string[]> {
  const cutoff = new Date(Date.now() - thresholdSeconds * 1000);
  const rows = await getDb()
    .update(managedNodes)
    .set({ pingStatus: 'ConnectionLost', connectionId: null })
    .where(and(eq(managedNodes.pingStatus, 'Online'), lt(managedNodes.lastPingAt, cutoff)))
    .returning();
  await publishStatusChange(rows, `no heartbeat for ${thresholdSeconds} s`);
  // Their sockets may still be open (a frozen agent); close them so a recovering agent has to
  // reconnect and be counted Online again through the handshake.
  for (const row of rows) getServerContext().disconnectAgent(row.id);
  return rows.map((row) => row.id);
}

