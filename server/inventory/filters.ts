import { OpsdeckError } from '@/server/errors';
import type { PackageFormat } from '@/server/patch-manager/operating-systems';
import { attributeDataType, isVersionAttribute } from './type-schemas';
import { compareVersions } from './versions';

export const FILTER_OPERATORS = ['Equal', 'NotEqual', 'BeginWith', 'LessThan', 'GreaterThan', 'Exists'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One condition on an attribute of an inventory type (AWS's InventoryFilter, its Key split). */
export interface InventoryFilter {
  typeName: string;
  attribute: string;
  operator: FilterOperator;
  values: string[];
}

type Entry = Record<string, string>;

const KEY_PATTERN = /^((?:AWS|Custom):[a-zA-Z0-9_:./-]+)\.([a-zA-Z0-9_-]+)$/;

/** `AWS:Application.Name` → type and attribute; the attribute is what follows the last dot. */
export function parseFilterKey(key: string): { typeName: string; attribute: string } {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new OpsdeckError('InvalidFilterKey', `the filter key '${key}' is not TypeName.Attribute, like AWS:Application.Name`);
  return { typeName: match[1]!, attribute: match[2]! };
}

export function checkFilter(filter: InventoryFilter): void {
  const needsOne = filter.operator === 'LessThan' || filter.operator === 'GreaterThan';
  if (needsOne && filter.values.length !== 1) {
    throw new OpsdeckError('InvalidFilterValue', `${filter.operator} on ${filter.typeName}.${filter.attribute} compares with exactly one value, not ${filter.values.length}`);
  }
  if (filter.operator !== 'Exists' && filter.values.length === 0) {
    throw new OpsdeckError('InvalidFilterValue', `${filter.operator} on ${filter.typeName}.${filter.attribute} needs a value`);
  }
  if (needsOne && attributeDataType(filter.typeName, filter.attribute) === 'number' && !Number.isFinite(Number(filter.values[0]))) {
    throw new OpsdeckError('InvalidFilterValue', `${filter.typeName}.${filter.attribute} is a number; '${filter.values[0]}' is not`);
  }
}

/**
 * A package's whole version: AWS:Application splits it into Epoch, Version and Release, and the
 * package manager orders the three together (1:2.0-3 is after 2.0-9).
 */
export function fullVersionOf(entry: Entry): string {
  const epoch = entry.Epoch && entry.Epoch !== '0' ? `${entry.Epoch}:` : '';
  const release = entry.Release ? `-${entry.Release}` : '';
  return `${epoch}${entry.Version ?? ''}${release}`;
}

/** Orders two attribute values the way the attribute means them: package versions, numbers, or text. */
function compareValues(filter: InventoryFilter, entry: Entry, actual: string, wanted: string, scheme: PackageFormat): number {
  if (isVersionAttribute(filter.typeName, filter.attribute)) return compareVersions(fullVersionOf(entry), wanted, scheme);
  if (attributeDataType(filter.typeName, filter.attribute) === 'number') return Number(actual) - Number(wanted);
  return actual < wanted ? -1 : actual > wanted ? 1 : 0;
}

/** Whether one entry passes one filter; `scheme` is the node's package version ordering. */
export function entryMatches(filter: InventoryFilter, entry: Entry, scheme: PackageFormat): boolean {
  const actual = entry[filter.attribute];
  if (actual === undefined) return false;
  switch (filter.operator) {
    case 'Exists':
      return true;
    case 'Equal':
      // A version is equal as written (3.0.15) or as the package manager compares whole versions (1:3.0.15-1).
      return filter.values.some((value) => actual === value || (isVersionAttribute(filter.typeName, filter.attribute) && compareVersions(fullVersionOf(entry), value, scheme) === 0));
    case 'NotEqual':
      return filter.values.every((value) => actual !== value);
    case 'BeginWith':
      return filter.values.some((value) => actual.startsWith(value));
    case 'LessThan':
      return compareValues(filter, entry, actual, filter.values[0]!, scheme) < 0;
    case 'GreaterThan':
      return compareValues(filter, entry, actual, filter.values[0]!, scheme) > 0;
  }
}

/** Filters grouped by type: a node matches when, for each type, one of its entries passes all that type's filters. */
export function groupByType(filters: InventoryFilter[]): Map<string, InventoryFilter[]> {
  const byType = new Map<string, InventoryFilter[]>();
  for (const filter of filters) byType.set(filter.typeName, [...(byType.get(filter.typeName) ?? []), filter]);
  return byType;
}
