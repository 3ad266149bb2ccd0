import { withSession } from '@/server/http/route';
import { describeAssociationTargets } from '@/server/associations/service';
import { listNodes } from '@/server/fleet/service';
import { associationIdSchema } from '../../ids';

/** The association's status on each node it targets now, with the node's name when the caller may see the fleet. */
export const GET = withSession<{ associationId: string }>(async (_req, caller, params) => {
  const statuses = await describeAssociationTargets(caller, associationIdSchema.parse(params.associationId));
  const nodeIds = statuses.map((status) => status.InstanceId);
  const names = new Map<string, string>();
  if (nodeIds.length > 0) {
    // Names are a courtesy: a user who may not list nodes still sees their ids and statuses.
    const page = await listNodes(caller, { filters: { nodeIds }, limit: Math.min(nodeIds.length, 1000) }).catch(() => undefined);
    for (const node of page?.nodes ?? []) names.set(node.nodeId, node.name);
  }
  return { targets: statuses.map((status) => ({ ...status, InstanceName: names.get(status.InstanceId) })) };
});
