/**
 * The agent <-> server protocol: event names and zod-checked payloads, imported by both sides.
 * Registration is one HTTP call; everything after it rides the socket.io `/agent` namespace.
 */
import { z } from 'zod';

export const AGENT_NAMESPACE = '/agent';
export const REGISTER_PATH = '/api/agent/register';

export const NODE_ID_PATTERN = /^mi-[0-9a-f]{17}$/;
export const nodeIdSchema = z.string().regex(NODE_ID_PATTERN, 'a node id looks like mi-0123456789abcdef0');

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, 'tag keys may contain letters, digits, spaces and _.:/=+-@');
const tagValue = z
  .string()
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'tag values may contain letters, digits, spaces and _.:/=+-@');
export const tagsSchema = z
  .record(tagKey, tagValue)
  .refine((tags) => Object.keys(tags).length <= 50, 'a resource may have at most 50 tags');

export const nodeMetadataSchema = z.object({
  computerName: z.string().max(255),
  platformType: z.enum(['Linux', 'MacOS', 'Windows']),
  platformName: z.string().max(255),
  platformVersion: z.string().max(64),
  kernelVersion: z.string().max(255),
  architecture: z.string().max(32),
  ipAddresses: z.array(z.string().max(64)).max(64),
  agentVersion: z.string().max(32),
});
export type NodeMetadata = z.infer<typeof nodeMetadataSchema>;

export const registerRequestSchema = z.object({
  activationId: z.string().uuid('the activation id is a UUID like 8c1b5e0a-...'),
  activationCode: z.string().min(1, 'the activation code is required').max(128),
  name: z.string().trim().min(1).max(255).optional(),
  tags: tagsSchema.optional(),
  metadata: nodeMetadataSchema,
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const registerResponseSchema = z.object({ nodeId: nodeIdSchema, secret: z.string().min(32) });
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

/**
 * socket.io handshake `auth` payload: the credentials issued at registration, plus the node's
 * current metadata (rebuilt on every reconnect, so a changed IP or kernel shows up at once).
 */
export const agentAuthSchema = z.object({
  nodeId: nodeIdSchema,
  secret: z.string().min(32).max(256),
  metadata: nodeMetadataSchema,
});
export type AgentAuth = z.infer<typeof agentAuthSchema>;

export const welcomeSchema = z.object({ nodeId: nodeIdSchema, heartbeatSeconds: z.number().int().positive() });
export type Welcome = z.infer<typeof welcomeSchema>;

export const heartbeatSchema = z.object({ sentAt: z.number() });

/** Reasons the server refuses an agent's connection; the agent stops retrying on these. */
export const FATAL_CONNECT_ERRORS = ['NodeNotRegistered', 'NodeDeregistered', 'InvalidNodeCredentials'] as const;

export interface ServerToAgentEvents {
  welcome: (payload: Welcome) => void;
}

export interface AgentToServerEvents {
  heartbeat: (payload: z.infer<typeof heartbeatSchema>) => void;
}
