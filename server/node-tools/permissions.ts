import { UPDATE_NODE_SETTINGS_ACTION } from '@/server/fleet/node-settings';
import { allowedActions, type AuthorizationRequest } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { NODE_TOOL_ACTIONS, nodeArnOf } from './node-action';

export interface NodeToolPermissions {
  canViewPerformance: boolean;
  canViewProcesses: boolean;
  canListFiles: boolean;
  canReadFiles: boolean;
  canViewUsers: boolean;
  canEditSettings: boolean;
  canUntag: boolean;
}

const CHECKS: Record<keyof NodeToolPermissions, string> = {
  canViewPerformance: NODE_TOOL_ACTIONS.viewPerformance,
  canViewProcesses: NODE_TOOL_ACTIONS.viewProcesses,
  canListFiles: NODE_TOOL_ACTIONS.listFiles,
  canReadFiles: NODE_TOOL_ACTIONS.readFile,
  canViewUsers: NODE_TOOL_ACTIONS.viewUsers,
  canEditSettings: UPDATE_NODE_SETTINGS_ACTION,
  canUntag: 'ssm:RemoveTagsFromResource',
};

/**
 * What the node page may offer this caller, decided as the actions themselves will be: with the
 * node's ARN and tags. The console hides what would be refused; the services refuse anyway.
 */
export async function nodeToolPermissions(caller: Caller, node: { nodeId: string; tags: Record<string, string> }): Promise<NodeToolPermissions> {
  const resource = nodeArnOf(node.nodeId);
  const requests = Object.fromEntries(Object.entries(CHECKS).map(([key, action]) => [key, { action, resource, resourceTags: node.tags }]));
  return allowedActions(caller, requests as Record<keyof NodeToolPermissions, AuthorizationRequest>);
}
