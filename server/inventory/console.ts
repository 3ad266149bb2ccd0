import { inArray } from 'drizzle-orm';
import { managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { aggregate, fleetOverview, type AggregateRow, type FleetOverview } from './aggregates';
import { newestCaptureTimes } from './entities';
import { checkFilter, type InventoryFilter } from './filters';
import { matchFleet, type FleetMatch } from './query';

type Entry = Record<string, string>;

/** A node in the console's query result: who it is, how old its data is, and what matched. */
export interface FleetNodeRow {
  nodeId: string;
  name: string;
  platformName: string | null;
  platformVersion: string | null;
  pingStatus: string;
  capturedAt: Date | null;
  matches: { typeName: string; entries: Entry[] }[];
}

async function nodeRows(nodeIds: string[], match: FleetMatch): Promise<FleetNodeRow[]> {
  if (nodeIds.length === 0) return [];
  const [nodes, captured] = await Promise.all([getDb().select().from(managedNodes).where(inArray(managedNodes.id, nodeIds)), newestCaptureTimes(nodeIds)]);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return nodeIds.flatMap((nodeId) => {
    const node = byId.get(nodeId);
    if (!node) return [];
    const matches = [...(match.matches.get(nodeId) ?? new Map<string, { data: Entry }[]>())].map(([typeName, entries]) => ({ typeName, entries: entries.map((entry) => entry.data) }));
    return [{ nodeId, name: node.name, platformName: node.platformName, platformVersion: node.platformVersion, pingStatus: node.pingStatus, capturedAt: captured.get(nodeId) ?? null, matches }];
  });
}

/** The console's fleet query: a page of matching nodes with their matching entries, and the total. */
export async function queryFleetNodes(caller: Caller, input: { filters: InventoryFilter[]; limit: number; offset: number }): Promise<{ nodes: FleetNodeRow[]; total: number }> {
  input.filters.forEach(checkFilter);
  return perform(caller, { name: 'GetInventory', iamAction: 'ssm:GetInventory', parameters: input, isAudited: false }, async () => {
    const match = await matchFleet(input.filters);
    return { nodes: await nodeRows(match.nodeIds.slice(input.offset, input.offset + input.limit), match), total: match.nodeIds.length };
  });
}

export interface InventoryDashboard {
  overview: FleetOverview;
  topPackages: AggregateRow[];
}

const TOP_PACKAGES = 10;

export async function inventoryDashboard(caller: Caller): Promise<InventoryDashboard> {
  return perform(caller, { name: 'GetInventory', iamAction: 'ssm:GetInventory', isAudited: false }, async () => ({
    overview: await fleetOverview(),
    topPackages: (await aggregate({ typeName: 'AWS:Application', attributes: ['Name'] }, [])).slice(0, TOP_PACKAGES),
  }));
}

/** Counts by the values of an attribute (version spread, OS spread), over the nodes the filters select. */
export async function aggregateFleet(caller: Caller, input: { filters: InventoryFilter[]; typeName: string; attribute: string }): Promise<AggregateRow[]> {
  input.filters.forEach(checkFilter);
  return perform(caller, { name: 'GetInventory', iamAction: 'ssm:GetInventory', parameters: input, isAudited: false }, () =>
    aggregate({ typeName: input.typeName, attributes: [input.attribute] }, input.filters),
  );
}

/** A CSV field: quoted when it holds a comma, quote or line break; formula starts defused for spreadsheets. */
export function csvField(value: string): string {
  // A leading = + - @ would run as a formula when the file is opened in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The whole result of a query as CSV, one line per matching entry (or per node when nothing is filtered). */
export async function* fleetQueryCsv(caller: Caller, filters: InventoryFilter[]): AsyncGenerator<string> {
  const result = await perform(caller, { name: 'GetInventory', iamAction: 'ssm:GetInventory', parameters: { filters, export: true } }, async () => {
    filters.forEach(checkFilter);
    const match = await matchFleet(filters);
    return nodeRows(match.nodeIds, match);
  });
  const attributes = [...new Set(result.flatMap((row) => row.matches.flatMap((match) => match.entries.flatMap((entry) => Object.keys(entry)))))].sort();
  yield csvLine(['NodeId', 'Name', 'Platform', 'CapturedAt', 'DataAgeSeconds', 'TypeName', ...attributes]);
  const now = Date.now();
  for (const row of result) {
    const node = [row.nodeId, row.name, [row.platformName, row.platformVersion].filter(Boolean).join(' '), row.capturedAt?.toISOString() ?? '', row.capturedAt ? String(Math.round((now - row.capturedAt.getTime()) / 1000)) : ''];
    const entries = row.matches.flatMap((match) => match.entries.map((entry) => ({ typeName: match.typeName, entry })));
    if (entries.length === 0) yield csvLine([...node, '', ...attributes.map(() => '')]);
    for (const { typeName, entry } of entries) yield csvLine([...node, typeName, ...attributes.map((attribute) => entry[attribute] ?? '')]);
  }
}
