import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { NodePatch } from '@/agent/protocol';
import type { Database } from '@/db/client';
import { availablePatches, type PatchOperatingSystem } from '@/db/schema';
import { getDb } from '@/server/context';
import type { CandidatePatch } from './evaluate';

export type AvailablePatchRow = typeof availablePatches.$inferSelect;
type Writer = Pick<Database, 'insert' | 'select'>;

// 13 columns a row: PostgreSQL takes at most 65,535 parameters in one statement.
const ROWS_PER_STATEMENT = 2000;

function rowOf(operatingSystem: PatchOperatingSystem, product: string, update: NodePatch, now: Date) {
  return {
    operatingSystem,
    name: update.name,
    arch: update.arch,
    version: update.availableVersion ?? '',
    repository: update.repository,
    section: update.section,
    priority: update.priority,
    classification: update.classification,
    severity: update.severity,
    product,
    // An update the node knows no release date for is taken as released when first seen here.
    releaseDate: update.releaseDate === undefined ? now : new Date(update.releaseDate),
    cveIds: update.cveIds,
    lastSeenAt: now,
  };
}

/**
 * Adds the updates a node was offered to the catalogue (Opsdeck has no vendor feed) and returns
 * each one's release date as evaluation should use it: the reported one, or when Opsdeck first saw
 * the update if it came without one, so "approve after N days" counts from that first sighting.
 */
export async function recordOfferedUpdates(operatingSystem: PatchOperatingSystem, product: string, updates: NodePatch[], db: Writer = getDb()): Promise<Map<string, number>> {
  const now = new Date();
  const offered = updates.filter((update) => update.availableVersion);
  // In key order, so nodes of one OS scanning at once lock catalogue rows in the same order.
  const byKey = new Map(offered.map((update) => [catalogueKey(update.name, update.arch, update.availableVersion!), update]));
  const unique = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
  const releaseDates = new Map<string, number>();
  // A reported date replaces a first sighting; without one, the first sighting stays.
  const dated = unique.filter((update) => update.releaseDate !== undefined);
  const undated = unique.filter((update) => update.releaseDate === undefined);
  for (const [group, isDated] of [[dated, true], [undated, false]] as const) {
    for (let start = 0; start < group.length; start += ROWS_PER_STATEMENT) {
      const chunk = group.slice(start, start + ROWS_PER_STATEMENT).map((update) => rowOf(operatingSystem, product, update, now));
      const stored = await db
        .insert(availablePatches)
        .values(chunk)
        .onConflictDoUpdate({
          target: [availablePatches.operatingSystem, availablePatches.name, availablePatches.arch, availablePatches.version],
          set: {
            repository: sql`excluded.repository`,
            section: sql`excluded.section`,
            priority: sql`excluded.priority`,
            classification: sql`excluded.classification`,
            severity: sql`excluded.severity`,
            product: sql`excluded.product`,
            cveIds: sql`excluded.cve_ids`,
            lastSeenAt: now,
            ...(isDated ? { releaseDate: sql`excluded.release_date` } : {}),
          },
        })
        .returning({ name: availablePatches.name, arch: availablePatches.arch, version: availablePatches.version, releaseDate: availablePatches.releaseDate });
      for (const row of stored) releaseDates.set(catalogueKey(row.name, row.arch, row.version), row.releaseDate?.getTime() ?? now.getTime());
    }
  }
  return releaseDates;
}

export const catalogueKey = (name: string, arch: string, version: string) => `${name}\u0000${arch}\u0000${version}`;

export function candidateOfRow(row: AvailablePatchRow): CandidatePatch {
  return {
    name: row.name,
    arch: row.arch,
    version: row.version,
    product: row.product,
    section: row.section,
    priority: row.priority,
    classification: row.classification,
    severity: row.severity,
    releaseDate: row.releaseDate?.getTime(),
  };
}

/** Catalogue rows for these package names, newest sighting first (a report names packages, not versions). */
export async function catalogueRowsFor(operatingSystem: PatchOperatingSystem, names: string[]): Promise<AvailablePatchRow[]> {
  if (names.length === 0) return [];
  const rows: AvailablePatchRow[] = [];
  for (let start = 0; start < names.length; start += 10_000) {
    const chunk = names.slice(start, start + 10_000);
    rows.push(...(await getDb().select().from(availablePatches).where(and(eq(availablePatches.operatingSystem, operatingSystem), inArray(availablePatches.name, chunk)))));
  }
  return rows.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/**
 * The catalogue's record of each installed version that some node was once offered as an update,
 * by name and version (the same arch first): how an installed package gets its classification,
 * section and release date, which dpkg and rpm do not keep for it.
 */
export async function catalogueRowsOfVersions(operatingSystem: PatchOperatingSystem, packages: { name: string; arch: string; version: string }[]): Promise<Map<string, AvailablePatchRow>> {
  const found = new Map<string, AvailablePatchRow>();
  for (let start = 0; start < packages.length; start += 10_000) {
    const chunk = packages.slice(start, start + 10_000);
    const rows = await getDb()
      .select()
      .from(availablePatches)
      .where(
        and(
          eq(availablePatches.operatingSystem, operatingSystem),
          sql`(${availablePatches.name}, ${availablePatches.version}) in (select * from unnest(${sql.param(chunk.map((item) => item.name))}::text[], ${sql.param(chunk.map((item) => item.version))}::text[]))`,
        ),
      );
    const byNameVersion = new Map<string, AvailablePatchRow[]>();
    for (const row of rows) {
      const key = `${row.name}\u0000${row.version}`;
      byNameVersion.set(key, [...(byNameVersion.get(key) ?? []), row]);
    }
    for (const item of chunk) {
      const candidates = byNameVersion.get(`${item.name}\u0000${item.version}`);
      if (candidates) found.set(catalogueKey(item.name, item.arch, item.version), candidates.find((row) => row.arch === item.arch) ?? candidates[0]!);
    }
  }
  return found;
}

export interface CatalogueQuery {
  conditions: SQL[];
  offset: number;
  limit: number;
}

/** One page of the catalogue in a stable order (OS, name, arch, version). */
export async function catalogueNamePage({ conditions, offset, limit }: CatalogueQuery): Promise<{ rows: AvailablePatchRow[]; hasMore: boolean }> {
  const rows = await getDb()
    .select()
    .from(availablePatches)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(availablePatches.operatingSystem), asc(availablePatches.name), asc(availablePatches.arch), asc(availablePatches.version))
    .limit(limit + 1)
    .offset(offset);
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
