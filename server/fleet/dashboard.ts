import { sql } from 'drizzle-orm';
import { managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';

export async function summarizeFleet(caller: Caller): Promise<{ total: number; byPingStatus: Record<string, number>; byPlatform: Record<string, number> }> {
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', isAudited: false }, async () => {
    const rows = await getDb()
      .select({
        pingStatus: managedNodes.pingStatus,
        platform: sql<string>`coalesce(${managedNodes.platformName} || ' ' || ${managedNodes.platformVersion}, 'Unknown')`,
        count: sql<number>`count(*)::int`,
      })
      .from(managedNodes)
      .groupBy(managedNodes.pingStatus, sql`2`);
    const byPingStatus: Record<string, number> = { Online: 0, ConnectionLost: 0, Inactive: 0 };
    const byPlatform: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      total += row.count;
      byPingStatus[row.pingStatus] = (byPingStatus[row.pingStatus] ?? 0) + row.count;
      byPlatform[row.platform] = (byPlatform[row.platform] ?? 0) + row.count;
    }
    return { total, byPingStatus, byPlatform };
  });
}
