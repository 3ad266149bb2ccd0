import { sql } from 'drizzle-orm';
import { managedNodes, PING_STATUSES, type PingStatus } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';

/** A value of one dimension (OS, region, …) and how many nodes have it; `null` means not reported / not assigned. */
export interface FleetCount<V = string | null> {
  value: V;
  count: number;
}

export interface OsCount {
  name: string | null;
  version: string | null;
  count: number;
}

export interface AgentVersionCount extends FleetCount {
  /** Older than the newest version any node reports, in the order of Fleet Manager's agentOlderThan. */
  isOutdated: boolean;
}

export interface FleetDashboard {
  total: number;
  /** Every status, zeros included, so the console can draw all three. */
  byPingStatus: Record<PingStatus, number>;
  byOs: OsCount[];
  /** Newest version first. */
  byAgentVersion: AgentVersionCount[];
  /** The newest version's comparable part ("2.1.0" for 2.1.0-beta): `agentOlderThan=` this lists the outdated nodes. */
  newestAgentVersion: string | null;
  outdatedAgentCount: number;
  byPlatformType: FleetCount[];
  byRegion: FleetCount[];
  byAccount: FleetCount[];
}

// The version order of Fleet Manager's `agentOlderThan` filter (opsdeck_version_key in
// db/migrations/0006): the first four numeric parts, padded with zeros, so 1.10.0 > 1.9.2 and
// 3.2 = 3.2.0; a suffix such as -beta is ignored; a version not starting with a number has no
// place. Mirrored here exactly, so "outdated" on the dashboard and the drill-down list agree.
const VERSION_PREFIX = /^[0-9]{1,9}(?:\.[0-9]{1,9}){0,3}/;

/** The comparable part of an agent version ("1.10.2-beta" → "1.10.2"), or null when it has none. */
export function agentVersionPrefix(version: string): string | null {
  return VERSION_PREFIX.exec(version)?.[0] ?? null;
}

function versionKey(version: string): number[] | null {
  const prefix = agentVersionPrefix(version);
  return prefix === null ? null : [...prefix.split('.').map(Number), 0, 0, 0].slice(0, 4);
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

type Dimension = 'total' | 'status' | 'os' | 'agent' | 'platform' | 'region' | 'account';

interface GroupRow extends Record<string, unknown> {
  dimension: Dimension;
  ping_status: PingStatus | null;
  platform_name: string | null;
  platform_version: string | null;
  agent_version: string | null;
  platform_type: string | null;
  region: string | null;
  account: string | null;
  count: number;
}

// One pass over the table: GROUPING SETS gives every breakdown from a single scan (hash
// aggregation on a handful of low-cardinality columns), instead of seven queries each reading the
// whole fleet. GROUPING() says which set a row belongs to, since a NULL value (no region) and a
// rolled-up column look the same otherwise.
const aggregateQuery = sql`
  select
    case
      when grouping(${managedNodes.pingStatus}) = 0 then 'status'
      when grouping(${managedNodes.platformName}) = 0 then 'os'
      when grouping(${managedNodes.agentVersion}) = 0 then 'agent'
      when grouping(${managedNodes.platformType}) = 0 then 'platform'
      when grouping(${managedNodes.region}) = 0 then 'region'
      when grouping(${managedNodes.account}) = 0 then 'account'
      else 'total'
    end as dimension,
    ${managedNodes.pingStatus} as ping_status,
    ${managedNodes.platformName} as platform_name,
    ${managedNodes.platformVersion} as platform_version,
    ${managedNodes.agentVersion} as agent_version,
    ${managedNodes.platformType} as platform_type,
    ${managedNodes.region} as region,
    ${managedNodes.account} as account,
    count(*)::int as count
  from ${managedNodes}
  group by grouping sets (
    (${managedNodes.pingStatus}),
    (${managedNodes.platformName}, ${managedNodes.platformVersion}),
    (${managedNodes.agentVersion}),
    (${managedNodes.platformType}),
    (${managedNodes.region}),
    (${managedNodes.account}),
    ()
  )`;

const byCountThenValue = (a: { count: number; value?: string | null }, b: { count: number; value?: string | null }) =>
  b.count - a.count || String(a.value ?? '\uffff').localeCompare(String(b.value ?? '\uffff'));

/** Agent versions newest first, each flagged when older than the newest one any node reports. */
function agentVersionCounts(rows: GroupRow[]): Pick<FleetDashboard, 'byAgentVersion' | 'newestAgentVersion' | 'outdatedAgentCount'> {
  const versions = rows.map((row) => ({ value: row.agent_version, count: row.count, key: row.agent_version === null ? null : versionKey(row.agent_version) }));
  let newest: (typeof versions)[number] | undefined;
  for (const entry of versions) {
    if (entry.key && (!newest || compareKeys(entry.key, newest.key!) > 0)) newest = entry;
  }
  const byAgentVersion = versions
    .map(({ value, count, key }) => ({ value, count, key, isOutdated: key !== null && newest !== undefined && compareKeys(key, newest.key!) < 0 }))
    // Newest first; versions with no place (or never reported) last, biggest first.
    .sort((a, b) => (a.key && b.key ? compareKeys(b.key, a.key) || String(a.value).localeCompare(String(b.value)) : a.key ? -1 : b.key ? 1 : byCountThenValue(a, b)))
    .map(({ value, count, isOutdated }) => ({ value, count, isOutdated }));
  return {
    byAgentVersion,
    // The comparable part, so it can go straight into `agentOlderThan=` for the drill-down.
    newestAgentVersion: newest ? agentVersionPrefix(newest.value!) : null,
    outdatedAgentCount: byAgentVersion.filter((entry) => entry.isOutdated).reduce((sum, entry) => sum + entry.count, 0),
  };
}

/**
 * The dashboard's numbers, all from one aggregate query in PostgreSQL: nodes by ping status, OS
 * and version, agent version (with the outdated ones flagged), platform type, region and account.
 * A plain read of the fleet: authorised like listing nodes, not audited.
 */
export async function summarizeFleet(caller: Caller): Promise<FleetDashboard> {
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', isAudited: false }, async () => {
    const { rows } = await getDb().execute<GroupRow>(aggregateQuery);
    const of = (dimension: Dimension) => rows.filter((row) => row.dimension === dimension);
    const counts = (dimension: Dimension, column: 'platform_type' | 'region' | 'account') =>
      of(dimension)
        .map((row) => ({ value: row[column], count: row.count }))
        .sort(byCountThenValue);

    const byPingStatus = Object.fromEntries(PING_STATUSES.map((status) => [status, 0])) as Record<PingStatus, number>;
    for (const row of of('status')) byPingStatus[row.ping_status!] = row.count;

    return {
      total: of('total')[0]?.count ?? 0,
      byPingStatus,
      byOs: of('os')
        .map((row) => ({ name: row.platform_name, version: row.platform_version, count: row.count }))
        .sort((a, b) => b.count - a.count || `${a.name} ${a.version}`.localeCompare(`${b.name} ${b.version}`)),
      ...agentVersionCounts(of('agent')),
      byPlatformType: counts('platform', 'platform_type'),
      byRegion: counts('region', 'region'),
      byAccount: counts('account', 'account'),
    };
  });
}
