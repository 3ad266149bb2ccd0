import type { OsUsers } from '@/agent/protocol';
import { callAgentOnNode } from '@/server/fleet/agent-rpc';
import type { Caller } from '@/server/identity/caller';
import { NODE_TOOL_ACTIONS, performOnNode } from './node-action';

/** Local accounts and groups (/etc/passwd, /etc/group; never password hashes): a plain read, not audited. */
export function listNodeOsUsers(caller: Caller, nodeId: string): Promise<OsUsers> {
  return performOnNode(caller, nodeId, { name: 'ListNodeUsers', action: NODE_TOOL_ACTIONS.viewUsers, isAudited: false }, (node) =>
    callAgentOnNode(node, 'users.list', {}),
  );
}
