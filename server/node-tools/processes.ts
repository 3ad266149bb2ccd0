import type { ProcessList } from '@/agent/protocol';
import { callAgentOnNode } from '@/server/fleet/agent-rpc';
import type { Caller } from '@/server/identity/caller';
import { NODE_TOOL_ACTIONS, performOnNode } from './node-action';

/**
 * The node's processes. Audited although it is a read: command lines often carry secrets
 * (`--password=...`), so who looked matters.
 */
export function listNodeProcesses(caller: Caller, nodeId: string): Promise<ProcessList> {
  return performOnNode(caller, nodeId, { name: 'ListNodeProcesses', action: NODE_TOOL_ACTIONS.viewProcesses, isAudited: true }, (node) =>
    callAgentOnNode(node, 'processes.list', {}, { timeoutMs: 15_000 }),
  );
}
