import { sql, type SQL } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, index, bigserial, integer, type AnyPgColumn } from 'drizzle-orm/pg-core';
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
    // Kept by PostgreSQL for the Fleet Manager's filters and sort orders (opsdeck_version_key is in
    // migration 0006); recomputed only when the agent reports a new version or the node a new
    // name, never on a heartbeat. Stored rather than indexed expressions so that counting and
    // re-checking rows costs no function call per row.
    /** The agent version as int[4] that sorts as versions do (1.10.0 after 1.9.2); NULL when not numeric. */
    agentVersionKey: integer('agent_version_key').array().generatedAlwaysAs(sql`opsdeck_version_key(agent_version)`),
    /** What the free-text filter searches by substring (trigram index): node id, name and computer name, lower-cased. */
    searchText: text('search_text').generatedAlwaysAs(sql`lower(id || ' ' || name || ' ' || coalesce(computer_name, ''))`),
  },
  // last_ping_at is deliberately left out of every index: heartbeats update it constantly, and an
  // indexed column would stop PostgreSQL from doing those updates in place (HOT).
  // The Fleet Manager's filters and sort orders (server/fleet/service.ts) are built for these; each
  // sortable column has an index ending in id, the tiebreak, so a first page is an index walk.
  (t) => [
    // Status with OS: the dashboard's commonest drill-down ("lost Ubuntu nodes") is one index range,
    // which PostgreSQL then ANDs with the tag index; status alone (the sweep) uses its first column.
    index('managed_nodes_status_os_id_idx').on(t.pingStatus, t.platformName, t.id),
    index('managed_nodes_name_id_idx').on(t.name, t.id),
    index('managed_nodes_os_id_idx').on(t.platformName, t.platformVersion, t.id),
    index('managed_nodes_platform_type_idx').on(t.platformType),
    index('managed_nodes_agent_version_idx').on(t.agentVersion),
    index('managed_nodes_agent_version_key_id_idx').on(t.agentVersionKey, t.id),
    index('managed_nodes_region_id_idx').on(t.region, t.id),
    index('managed_nodes_account_id_idx').on(t.account, t.id),
    // jsonb_ops (not jsonb_path_ops): it also answers `tags ? key`, the "has tag key" filter.
    index('managed_nodes_tags_idx').using('gin', t.tags),
    index('managed_nodes_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    // An expression, not a stored column: the network list is the widest thing a row would carry,
    // and every heap scan pays for row width. `&&` on it is answered exactly by the index alone.
    index('managed_nodes_ip_networks_idx').using('gin', nodeIpNetworks(t.ipAddresses)),
  ],
);

/**
 * The networks a node's addresses fall in (IPv4 /8 /16 /24 /32, IPv6 /16 /32 /48 /64 /128), e.g.
 * 10.1.2.3 → 10.1.0.0/16; the GIN index above is built on exactly this expression.
 */
export function nodeIpNetworks(ipAddresses: AnyPgColumn): SQL {
  return sql`opsdeck_ip_networks(${ipAddresses})`;
}

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
