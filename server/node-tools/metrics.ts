import type { MetricsSample } from '@/agent/protocol';
import { callAgentOnNode } from '@/server/fleet/agent-rpc';
import type { Caller } from '@/server/identity/caller';
import { NODE_TOOL_ACTIONS, performOnNode } from './node-action';

/** One live sample (CPU, memory, disks, network, load). Polled every few seconds: not audited. */
export function getNodePerformance(caller: Caller, nodeId: string): Promise<MetricsSample> {
  return performOnNode(caller, nodeId, { name: 'GetNodePerformance', action: NODE_TOOL_ACTIONS.viewPerformance, isAudited: false }, (node) =>
    callAgentOnNode(node, 'metrics.sample', {}),
  );
}
