import type { ManagedNode } from '@/db/schema';
import { findManagedNode } from '@/server/fleet/agent-rpc';
import { getServerContext } from '@/server/context';
import { authorize } from '@/server/identity/authorize';
import { nodeArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';

/**
 * The IAM actions of the node's live views. File contents have their own action outside
 * `opsdeck:View*` on purpose: ReadOnlyAccess (which allows View*) shows what runs on a node but
 * not what is in its files (keys, configuration secrets).
 */
export const NODE_TOOL_ACTIONS = {
  viewPerformance: 'opsdeck:ViewNodePerformance',
  viewProcesses: 'opsdeck:ViewNodeProcesses',
  listFiles: 'opsdeck:ListNodeFiles',
  readFile: 'opsdeck:ReadNodeFile',
  viewUsers: 'opsdeck:ViewNodeUsers',
} as const;

export const nodeArnOf = (nodeId: string) => nodeArn(getServerContext().region, getServerContext().accountId, nodeId);

export interface NodeActionSpec {
  /** Operation name in the audit trail. */
  name: string;
  action: (typeof NODE_TOOL_ACTIONS)[keyof typeof NODE_TOOL_ACTIONS];
  parameters?: Record<string, unknown>;
  isAudited: boolean;
  /** Input checks run first, so a refused path is still recorded as an attempt when audited. */
  validate?: () => void;
}

/**
 * One node-scoped action: validate, load the node, authorise with the node's ARN and tags (a
 * policy may allow files only on `Environment=dev` nodes), act, audit.
 */
export function performOnNode<T>(caller: Caller, nodeId: string, spec: NodeActionSpec, work: (node: ManagedNode) => Promise<T>): Promise<T> {
  const arn = nodeArnOf(nodeId);
  return perform(caller, { name: spec.name, resources: [arn], parameters: { instanceId: nodeId, ...spec.parameters }, isAudited: spec.isAudited }, async () => {
    spec.validate?.();
    const node = await findManagedNode(nodeId);
    await authorize(caller, { action: spec.action, resource: arn, resourceTags: node.tags });
    return work(node);
  });
}
