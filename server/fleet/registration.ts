import { randomUUID } from 'node:crypto';
import { randomResourceId } from '@/server/resource-ids';
import type { RegisterRequest, RegisterResponse } from '@/agent/protocol';
import { managedNodes } from '@/db/schema';
import { claimActivation } from '@/server/activations/service';
import { hashToken, newToken } from '@/server/auth/tokens';
import { getDb, getServerContext } from '@/server/context';
import { toNodeView } from './node-view';
import { recordAuditEvent } from '@/server/audit/service';
import { isOpsdeckError } from '@/server/errors';
import { nodeArn } from '@/server/identity/arn';
import { emitNodeTargetsChanged } from './events';

/** AWS's managed-instance id form: mi- followed by 17 hex characters. */
export function newNodeId(): string {
  return randomResourceId('mi');
}

/** Trades a valid activation code for a node id and the node's own secret; audited either way. */
export async function registerNode(request: RegisterRequest, sourceIp?: string): Promise<RegisterResponse> {
  const auditCaller = { source: 'agent' as const, requestId: randomUUID(), sourceIp, userAgent: `opsdeck-agent/${request.metadata.agentVersion}` };
  const parameters = { activationId: request.activationId, name: request.name, tags: request.tags, computerName: request.metadata.computerName };
  try {
    const issued = await issueNodeCredentials(request);
    const { region, accountId } = getServerContext();
    await recordAuditEvent(auditCaller, { action: 'RegisterManagedInstance', resources: [nodeArn(region, accountId, issued.nodeId)], requestParameters: parameters, result: 'Success' });
    emitNodeTargetsChanged(issued.nodeId);
    return issued;
  } catch (error) {
    await recordAuditEvent(auditCaller, {
      action: 'RegisterManagedInstance',
      requestParameters: parameters,
      result: 'Failure',
      errorCode: isOpsdeckError(error) ? error.code : 'InternalServerError',
      errorMessage: (error as Error).message,
    });
    throw error;
  }
}

async function issueNodeCredentials(request: RegisterRequest): Promise<RegisterResponse> {
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
        region: activation.region,
        account: activation.account,
      })
      .returning();
    return row!;
  });
  getServerContext().broadcast('node:updated', toNodeView(node));
  return { nodeId: node.id, secret };
}
