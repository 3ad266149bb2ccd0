import { and, eq, lt } from 'drizzle-orm';
import type { AgentAuth, NodeMetadata } from '@/agent/protocol';
import { managedNodes, type ManagedNode } from '@/db/schema';
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

function publish(rows: ManagedNode[]): void {
  const { broadcast } = getServerContext();
  for (const row of rows) broadcast('node:updated', toNodeView(row));
}

export async function markNodeConnected(nodeId: string, connectionId: string, metadata?: NodeMetadata) {
  const rows = await getDb()
    .update(managedNodes)
    .set({ pingStatus: 'Online', lastPingAt: new Date(), connectionId, ...metadata })
    .where(eq(managedNodes.id, nodeId))
    .returning();
  publish(rows);
}

export async function recordHeartbeat(nodeId: string, connectionId: string): Promise<void> {
  const rows = await getDb()
    .update(managedNodes)
    .set({ pingStatus: 'Online', lastPingAt: new Date() })
    .where(and(eq(managedNodes.id, nodeId), eq(managedNodes.connectionId, connectionId)))
    .returning();
  // Only a change of status is news for the consoles; last-seen ticks are not worth a push each.
  if (rows[0] && rows[0].pingStatus !== 'Online') publish(rows);
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
  publish(rows);
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
  publish(rows);
  return rows.map((row) => row.id);
}

