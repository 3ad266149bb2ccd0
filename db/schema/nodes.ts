import { pgTable, text, timestamp, uuid, jsonb, index, bigserial } from 'drizzle-orm/pg-core';
import { activations } from './activations';

export const PING_STATUSES = ['Online', 'ConnectionLost', 'Inactive'] as const;
export type PingStatus = (typeof PING_STATUSES)[number];

/** A managed node (AWS: managed instance), registered through an activation. */
export const managedNodes = pgTable(
  'managed_nodes',
  {
    id: text('id').primaryKey(), // mi- + 17 hex, issued by us
    name: text('name').notNull(),
    activationId: uuid('activation_id').references(() => activations.id, { onDelete: 'set null' }),
    // SHA-256 of the per-node secret issued at registration.
    secretHash: text('secret_hash').notNull(),
    pingStatus: text('ping_status').$type<PingStatus>().notNull().default('ConnectionLost'),
    lastPingAt: timestamp('last_ping_at', { withTimezone: true }),
    // The socket.io connection that currently speaks for the node; a late disconnect of an older
    // connection must not mark a reconnected node as lost.
    connectionId: text('connection_id'),
    computerName: text('computer_name'),
    ipAddresses: jsonb('ip_addresses').$type<string[]>().notNull().default([]),
    platformType: text('platform_type'),
    platformName: text('platform_name'),
    platformVersion: text('platform_version'),
    kernelVersion: text('kernel_version'),
    architecture: text('architecture'),
    agentVersion: text('agent_version'),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    // Where the node lives, as the operator slices the fleet (AWS users slice by Region and
    // account): set from the activation at registration, or per node.
    region: text('region'),
    account: text('account'),
    /** The agent's own `diagnose` report (server reachable, DNS, clock, ...), when it last ran. */
    diagnosis: jsonb('diagnosis').$type<Record<string, unknown>>(),
    diagnosedAt: timestamp('diagnosed_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    deregisteredAt: timestamp('deregistered_at', { withTimezone: true }),
  },
  // last_ping_at is deliberately left out of every index: heartbeats update it constantly, and an
  // indexed column would stop PostgreSQL from doing those updates in place (HOT).
  (t) => [index('managed_nodes_ping_status_idx').on(t.pingStatus)],
);

export type ManagedNode = typeof managedNodes.$inferSelect;

/** Every change of a node's ping status, with why: the node page's status history. */
export const nodeStatusEvents = pgTable(
  'node_status_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    nodeId: text('node_id')
      .notNull()
      .references(() => managedNodes.id, { onDelete: 'cascade' }),
    pingStatus: text('ping_status').$type<PingStatus>().notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('node_status_events_node_idx').on(t.nodeId, t.at)],
);
